using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// A list of fixed-height rows that stays true at any size: the scroll area is capped (<see cref="MaxScrollPixels"/>)
/// and positions past the cap are scaled (<see cref="VirtualRowsLayout"/>), so a thumb drag, PageDown, End or a jump
/// back to the top shows exactly the rows at that position, for 1 row or 1,000,000. The browser reports the scroll
/// position (one report in flight at a time, wwwroot/js/virtual-rows.js); only the rows in view plus
/// <see cref="OverscanCount"/> each side are asked of <see cref="ItemsProvider"/>, a jump cancels the request it
/// made obsolete, and rows not read yet show <see cref="Placeholder"/>. Parameters are named as
/// <see cref="Virtualize{TItem}"/>'s, so one replaces the other.
/// </summary>
public partial class VirtualRows<TItem> : ComponentBase, IAsyncDisposable
{
    /// <summary>The viewport assumed until the browser says (and where there is no browser): about 17 rows of 58 px.</summary>
    internal const double DefaultViewport = 1000;

    private readonly Dictionary<int, TItem> _rows = [];
    private ElementReference _anchor;
    private DotNetObjectReference<VirtualRows<TItem>>? _self;
    private double _scrollTop;
    private double _viewport = DefaultViewport;
    private int _total;
    private bool _loadedOnce;
    private int _generation;
    private int _rowsGeneration;
    private CancellationTokenSource? _loading;
    private (int First, int Count, int Generation) _loadingRange;
    private (int First, int Count, int Generation, int Total) _lastShort = (-1, 0, -1, -1);
    private Task _load = Task.CompletedTask;
    private VirtualWindow _window;
    private bool _disposed;
    private bool _attached;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Reads rows (<c>StartIndex</c>, <c>Count</c>) and says how many there are in all.</summary>
    [Parameter]
    public ItemsProviderDelegate<TItem>? ItemsProvider { get; set; }

    /// <summary>Rows already in memory (instead of <see cref="ItemsProvider"/>).</summary>
    [Parameter]
    public ICollection<TItem>? Items { get; set; }

    /// <summary>One row; it must be exactly <see cref="ItemSize"/> pixels tall.</summary>
    [Parameter]
    public RenderFragment<TItem>? ItemContent { get; set; }

    /// <summary>Same as <see cref="ItemContent"/>.</summary>
    [Parameter]
    public RenderFragment<TItem>? ChildContent { get; set; }

    /// <summary>A row not read yet (a skeleton), exactly <see cref="ItemSize"/> pixels tall.</summary>
    [Parameter]
    public RenderFragment<PlaceholderContext>? Placeholder { get; set; }

    /// <summary>Shown when the provider says there are no rows.</summary>
    [Parameter]
    public RenderFragment? EmptyContent { get; set; }

    /// <summary>The height of every row, in pixels.</summary>
    [Parameter]
    public float ItemSize { get; set; } = 50f;

    /// <summary>Rows rendered beyond each edge of the viewport.</summary>
    [Parameter]
    public int OverscanCount { get; set; } = 3;

    /// <summary>The element of the spaces above and below the rows ("li" inside a list).</summary>
    [Parameter]
    public string SpacerElement { get; set; } = "div";

    /// <summary>The tallest the scroll area is made; null for <see cref="ListOptions.MaxScrollPixels"/>.</summary>
    [Parameter]
    public int? MaxScrollPixels { get; set; }

    private double MaxPixels =>
        MaxScrollPixels ?? Services.GetService<IOptions<ListOptions>>()?.Value.MaxScrollPixels ?? new ListOptions().MaxScrollPixels;

    private VirtualRowsLayout Layout => new(_total, ItemSize, MaxPixels, _viewport);

    protected override void OnParametersSet()
    {
        if (ItemSize <= 0)
        {
            throw new InvalidOperationException($"{GetType().Name} needs an {nameof(ItemSize)} above 0.");
        }

        if ((ItemsProvider is null) == (Items is null))
        {
            throw new InvalidOperationException($"{GetType().Name} needs exactly one of {nameof(ItemsProvider)} and {nameof(Items)}.");
        }

        if (Items is not null)
        {
            // Rows in memory: always current.
            _generation++;
        }

        Update();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            var viewport = await Browser.AttachVirtualRowsAsync(_anchor, _self);

            // Rows read before the script is in show as skeletons: a row on screen always takes the list's keys.
            _attached = true;
            if (viewport is not null)
            {
                await OnScroll(viewport.ScrollTop, viewport.Height);
            }
            else
            {
                StateHasChanged();
            }
        }
    }

    /// <summary>The browser's scroll position (pixels into the rows) and viewport height (one call in flight at a time).</summary>
    [JSInvokable]
    public Task OnScroll(double scrollTop, double viewport)
    {
        _scrollTop = double.IsFinite(scrollTop) ? scrollTop : 0;
        _viewport = double.IsFinite(viewport) && viewport > 0 ? viewport : DefaultViewport;
        Update();
        return Task.CompletedTask;
    }

    /// <summary>Reads the rows in view again (the folder changed: mail came, went or changed flags); the rows shown stay until the new ones are in.</summary>
    public Task RefreshDataAsync()
    {
        _generation++;
        _loading?.Cancel();
        _loading = null;
        Update();
        return _load;
    }

    /// <summary>Lays the window out for the current position and asks for the rows it lacks.</summary>
    private void Update()
    {
        if (_disposed)
        {
            return;
        }

        _window = Layout.WindowAt(_scrollTop, OverscanCount);
        if (!_loadedOnce || (_window.Count == 0 && _rowsGeneration != _generation))
        {
            // How many rows there are is not known (yet, or since a refresh of an empty list): ask for the first screen.
            _window = _loadedOnce ? _window : new VirtualWindow(0, 0, 0, 0, 0);
            StartLoad(0, (int)Math.Ceiling(_viewport / ItemSize) + OverscanCount);
        }
        else if (Missing() is { } missing)
        {
            // A jump to rows none of which are here: the rows in view first (fewer to fetch and to draw, so they are
            // painted sooner), then the overscan on either side, each one run of missing rows (never the rows already in).
            var visible = ViewSpan();
            var wanted = NoneHeld() ? MissingIn(visible.First, visible.Last) ?? missing : FirstRun(missing);
            StartLoad(wanted.First, wanted.Count);
        }

        StateHasChanged();
    }

    private bool TryGetRow(int index, out TItem item)
    {
        item = default!;
        return _attached && _rows.TryGetValue(index, out item!);
    }

    /// <summary>The place of the first row read that matches (rows drawn or kept near them), or -1.</summary>
    public int IndexOf(Func<TItem, bool> match)
    {
        foreach (var (index, row) in _rows)
        {
            if (match(row))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The row at <paramref name="index"/> when it has been read (no reading of its own).</summary>
    public bool TryGetLoaded(int index, out TItem item) => TryGetRow(index, out item);

    /// <summary>The rows in the window drawn now (read ones only), top to bottom.</summary>
    public IEnumerable<TItem> RowsDrawn()
    {
        for (var i = _window.First; i < _window.First + _window.Count; i++)
        {
            if (TryGetRow(i, out var item))
            {
                yield return item;
            }
        }
    }

    private RenderFragment RowContent(TItem item) => (ItemContent ?? ChildContent ?? (_ => _ => { }))(item);

    private RenderFragment Spacer(bool anchor, double height, string cssClass) => builder =>
    {
        builder.OpenElement(0, SpacerElement);
        builder.AddAttribute(1, "class", cssClass);
        builder.AddAttribute(2, "aria-hidden", "true");
        builder.AddAttribute(3, "style", $"height: {Px(height)}px");
        if (anchor)
        {
            AddAnchorAttributes(builder);
            builder.AddElementReferenceCapture(30, reference => _anchor = reference);
        }

        builder.CloseElement();
    };

    /// <summary>
    /// An invisible element as tall as all the rows, out of the flow (the scroller is positioned): the scroll area keeps
    /// its height while a render is applied. Without it the browser could lay the list out halfway through a render
    /// (rows removed, new ones not yet in, as when the focused row is moved), find it shorter, and clamp the scroll
    /// position: a jump to the end came back 20 rows short and the focus was lost.
    /// </summary>
    private RenderFragment Sizer() => builder =>
    {
        builder.OpenElement(0, SpacerElement);
        builder.AddAttribute(1, "class", "vr-sizer");
        builder.AddAttribute(2, "aria-hidden", "true");
        builder.AddAttribute(3, "style", $"position: absolute; top: 0; left: 0; width: 1px; height: {Px(Layout.Height)}px; visibility: hidden; pointer-events: none");
        builder.CloseElement();
    };

    /// <summary>What the script (keys, jumps) and tests read: the layout's inputs and the rows drawn.</summary>
    private void AddAnchorAttributes(RenderTreeBuilder builder)
    {
        builder.AddAttribute(10, "data-virtual-rows", "");
        builder.AddAttribute(11, "data-total", _total);
        builder.AddAttribute(12, "data-row-height", Px(ItemSize));
        builder.AddAttribute(13, "data-max-pixels", Px(MaxPixels));
        builder.AddAttribute(14, "data-first", _window.First);
        builder.AddAttribute(15, "data-count", _window.Count);
        builder.AddAttribute(16, "data-first-visible", _window.FirstVisible);
        builder.AddAttribute(17, "data-scaled", Layout.Scaled ? "true" : "false");
        builder.AddAttribute(18, "data-loading", !_attached || !_loadedOnce || Missing() is not null ? "true" : "false");
        builder.AddAttribute(19, "data-scroll-top", Px(_scrollTop));
    }

    private static string Px(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _loading?.Cancel();
        if (_self is not null)
        {
            await Browser.DetachVirtualRowsAsync(_anchor);
            _self.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
