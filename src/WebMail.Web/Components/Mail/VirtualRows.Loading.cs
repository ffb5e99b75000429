using Microsoft.AspNetCore.Components.Web.Virtualization;

namespace WebMail.Web.Components.Mail;

/// <summary>Reading rows: only the window's missing span is asked for, a jump cancels the request it made obsolete.</summary>
public partial class VirtualRows<TItem>
{
    /// <summary>The span of rows in the window not read in this generation, or null when all are in.</summary>
    private (int First, int Count)? Missing() => MissingIn(_window.First, _window.First + _window.Count - 1);

    /// <summary>The span of rows in [<paramref name="from"/>, <paramref name="to"/>] not read in this generation, or null when all are in.</summary>
    private (int First, int Count)? MissingIn(int from, int to)
    {
        var first = -1;
        var last = -1;
        for (var i = from; i <= to; i++)
        {
            if (IsMissing(i))
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }

        return first < 0 ? null : (first, last - first + 1);
    }

    /// <summary>The rows at least partly in view: the window's first visible row and a viewport's worth after it.</summary>
    private (int First, int Last) ViewSpan()
    {
        var last = Math.Min(_window.First + _window.Count - 1, _window.FirstVisible + (int)Math.Ceiling(_viewport / ItemSize));
        return (_window.FirstVisible, Math.Max(_window.FirstVisible, last));
    }

    /// <summary>The first run of consecutive missing rows of <paramref name="missing"/> (which may enclose rows already in).</summary>
    private (int First, int Count) FirstRun((int First, int Count) missing)
    {
        var count = 1;
        while (count < missing.Count && IsMissing(missing.First + count))
        {
            count++;
        }

        return (missing.First, count);
    }

    private bool IsMissing(int index) => _rowsGeneration != _generation || !_rows.ContainsKey(index);

    /// <summary>Whether no row of the window is in memory, of any generation (a jump to rows not seen, not a refresh).</summary>
    private bool NoneHeld()
    {
        for (var i = _window.First; i < _window.First + _window.Count; i++)
        {
            if (_rows.ContainsKey(i))
            {
                return false;
            }
        }

        return true;
    }

    private void StartLoad(int first, int count)
    {
        if (_loading is not null && _loadingRange.Generation == _generation &&
            _loadingRange.First < first + count && first < _loadingRange.First + _loadingRange.Count)
        {
            // The request on its way overlaps what is wanted: let it finish, then ask for what is still missing.
            return;
        }

        if ((first, count, _generation, _total) == _lastShort)
        {
            // Just asked and answered with fewer rows than it said it has: asking again would loop.
            return;
        }

        _loading?.Cancel();
        var loading = _loading = new CancellationTokenSource();
        _loadingRange = (first, count, _generation);
        _load = LoadAsync(first, count, _generation, loading);
    }

    private async Task LoadAsync(int first, int count, int generation, CancellationTokenSource loading)
    {
        try
        {
            var result = await Provide(new ItemsProviderRequest(first, count, loading.Token));
            if (loading.IsCancellationRequested || _disposed || generation != _generation)
            {
                return;
            }

            if (_rowsGeneration != generation)
            {
                _rows.Clear();
                _rowsGeneration = generation;
            }

            var index = first;
            foreach (var item in result.Items)
            {
                _rows[index++] = item;
            }

            _total = Math.Max(0, result.TotalItemCount);
            _loadedOnce = true;
            _lastShort = index - first < Math.Min(count, _total - first) ? (first, count, generation, _total) : (-1, 0, -1, -1);
            Trim();
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (!_disposed)
        {
            await DispatchExceptionAsync(ex);
            return;
        }
        finally
        {
            if (ReferenceEquals(_loading, loading))
            {
                _loading = null;
            }

            loading.Dispose();
        }

        Update();
    }

    private ValueTask<ItemsProviderResult<TItem>> Provide(ItemsProviderRequest request)
    {
        if (Items is { } items)
        {
            return ValueTask.FromResult(new ItemsProviderResult<TItem>(items.Skip(request.StartIndex).Take(request.Count), items.Count));
        }

        return ItemsProvider!(request);
    }

    /// <summary>Keeps the rows near the window only (a long scroll through a big folder does not keep it all in memory).</summary>
    private void Trim()
    {
        var keep = Math.Max(_window.Count, 50) * 4;
        if (_rows.Count <= keep * 2)
        {
            return;
        }

        foreach (var index in _rows.Keys.Where(i => i < _window.First - keep || i > _window.First + _window.Count + keep).ToList())
        {
            _rows.Remove(index);
        }
    }
}
