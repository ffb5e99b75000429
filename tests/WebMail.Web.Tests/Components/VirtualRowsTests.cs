using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Web.Components;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>
/// The list component with a provider of numbered rows (row i says "Row i"): what it draws for a scroll position,
/// what it asks for, and what it shows while rows are on their way.
/// </summary>
public sealed class VirtualRowsTests : WebMail.Web.Tests.Components.LocalizedBunitContext, IAsyncLifetime
{
    private const float Row = 58;
    private const double Viewport = 900;
    private readonly List<ItemsProviderRequest> _requests = [];
    private TaskCompletionSource? _gate;
    private int _total;
    private int _shift;

    public VirtualRowsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddScoped<BrowserInterop>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // BrowserInterop is only async-disposable.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void Render_SmallFolder_FirstScreenOfRowsAndNoMore()
    {
        _total = 5;
        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(["Row 0", "Row 1", "Row 2", "Row 3", "Row 4"], Shown(cut)));
        Assert.Equal("5", cut.Find("[data-virtual-rows]").GetAttribute("data-total"));
        Assert.Equal("false", cut.Find("[data-virtual-rows]").GetAttribute("data-scaled"));
    }

    [Fact]
    public async Task OnScroll_MillionRowsScaledToTheMiddle_ShowsTheRowsAtTheMiddleOnly()
    {
        _total = 1_000_000;
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal("Row 0", Shown(cut)[0]));
        var layout = new VirtualRowsLayout(_total, Row, 10_000_000, Viewport);

        await cut.InvokeAsync(() => cut.Instance.OnScroll(layout.MaxScroll / 2, Viewport));

        var window = layout.WindowAt(layout.MaxScroll / 2, 10);
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(window.First, window.Count).Select(i => $"Row {i}"), Shown(cut)));
        Assert.InRange(window.FirstVisible, 499_990, 500_000);
        Assert.Equal("true", cut.Find("[data-virtual-rows]").GetAttribute("data-scaled"));
        Assert.Equal(window.FirstVisible.ToString(CultureInfo.InvariantCulture), cut.Find("[data-virtual-rows]").GetAttribute("data-first-visible"));
        Assert.Contains($"height: {window.Top.ToString("0.###", CultureInfo.InvariantCulture)}px", cut.Find(".vr-before").GetAttribute("style"), StringComparison.Ordinal);

        // Only the rows in view plus the overscan were asked for, never the folder.
        Assert.All(_requests, r => Assert.True(r.Count <= window.Count, $"asked for {r.Count} rows"));
    }

    [Fact]
    public async Task OnScroll_RowsNotReadYet_SkeletonsAtOnceThenTheRows()
    {
        _total = 100_000;
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal("Row 0", Shown(cut)[0]));
        _gate = new TaskCompletionSource();

        await cut.InvokeAsync(() => cut.Instance.OnScroll(50_000 * Row, Viewport));

        cut.WaitForAssertion(() => Assert.Equal(36, cut.FindAll("li.skeleton").Count));
        Assert.Empty(Shown(cut));
        Assert.Equal("true", cut.Find("[data-virtual-rows]").GetAttribute("data-loading"));
        _gate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("Row 49990", Shown(cut)[0]));
        Assert.Empty(cut.FindAll("li.skeleton"));
        Assert.Equal("false", cut.Find("[data-virtual-rows]").GetAttribute("data-loading"));
    }

    [Fact]
    public async Task OnScroll_JumpWhileARequestIsPending_TheOlderRequestIsCancelledAndItsRowsNeverShown()
    {
        _total = 100_000;
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal("Row 0", Shown(cut)[0]));
        _gate = new TaskCompletionSource();

        await cut.InvokeAsync(() => cut.Instance.OnScroll(20_000 * Row, Viewport));
        await cut.InvokeAsync(() => cut.Instance.OnScroll(70_000 * Row, Viewport));
        _gate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal("Row 69990", Shown(cut)[0]));
        var older = _requests.Single(r => r.StartIndex == 20_000);
        Assert.True(older.CancellationToken.IsCancellationRequested);
        Assert.DoesNotContain(Shown(cut), s => s.StartsWith("Row 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnScroll_JumpToRowsNotRead_AsksForTheRowsInViewFirstThenTheOverscanWithoutAskingAnyRowTwice()
    {
        _total = 100_000;
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal("Row 0", Shown(cut)[0]));
        var before = _requests.Count;

        await cut.InvokeAsync(() => cut.Instance.OnScroll(40_000 * Row, Viewport));

        var window = new VirtualRowsLayout(_total, Row, 10_000_000, Viewport).WindowAt(40_000 * Row, 10);
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(window.First, window.Count).Select(i => $"Row {i}"), Shown(cut)));
        var asked = _requests.Skip(before).ToList();

        // First the rows a 900 px view shows (16 rows, the 17th partly), alone: they are painted before the overscan is read.
        Assert.Equal(40_000, asked[0].StartIndex);
        Assert.Equal((int)Math.Ceiling(Viewport / Row) + 1, asked[0].Count);

        // Then the overscan above and below, each row once.
        var rows = asked.SelectMany(r => Enumerable.Range(r.StartIndex, r.Count)).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(Enumerable.Range(window.First, window.Count), rows.Order());
    }

    [Fact]
    public async Task RefreshDataAsync_MailArrivedAtTheTop_SamePositionShowsTheShiftedRowsAndTheCountGrows()
    {
        _total = 100_000;
        var cut = RenderList();
        await cut.InvokeAsync(() => cut.Instance.OnScroll(1_000 * Row, Viewport));
        cut.WaitForAssertion(() => Assert.Equal("Row 990", Shown(cut)[0]));

        // Three messages arrive at the top: the row at index i is now what was at i − 3.
        _total += 3;
        _shift = 3;
        _gate = new TaskCompletionSource();
        var refresh = cut.InvokeAsync(() => cut.Instance.RefreshDataAsync());

        // The rows shown stay until the new ones are in (no flash of skeletons).
        cut.WaitForAssertion(() => Assert.Equal("Row 990", Shown(cut)[0]));
        Assert.Empty(cut.FindAll("li.skeleton"));
        _gate.SetResult();
        await refresh;

        cut.WaitForAssertion(() => Assert.Equal("Row 987", Shown(cut)[0]));
        Assert.Equal("100003", cut.Find("[data-virtual-rows]").GetAttribute("data-total"));
    }

    [Fact]
    public void Render_NoRows_ShowsTheEmptyContent()
    {
        _total = 0;
        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal("Nothing here.", cut.Find("li.empty").TextContent));
        Assert.Empty(Shown(cut));
    }

    [Fact]
    public void Render_ItemsInMemory_ShownLikeProvidedOnes()
    {
        var cut = Render<VirtualRows<int>>(p => p
            .Add(c => c.Items, Enumerable.Range(0, 3).ToList())
            .Add(c => c.ItemSize, Row)
            .Add(c => c.ItemContent, i => $"<li class=\"row\">Row {i}</li>"));

        cut.WaitForAssertion(() => Assert.Equal(["Row 0", "Row 1", "Row 2"], Shown(cut)));
    }

    private IRenderedComponent<VirtualRows<int>> RenderList() => Render<VirtualRows<int>>(p => p
        .Add(c => c.ItemsProvider, ProvideAsync)
        .Add(c => c.ItemSize, Row)
        .Add(c => c.OverscanCount, 10)
        .Add(c => c.SpacerElement, "li")
        .Add(c => c.MaxScrollPixels, 10_000_000)
        .Add(c => c.ItemContent, i => $"<li class=\"row\">Row {i}</li>")
        .Add(c => c.Placeholder, _ => "<li class=\"skeleton\"></li>")
        .Add(c => c.EmptyContent, "<li class=\"empty\">Nothing here.</li>"));

    private async ValueTask<ItemsProviderResult<int>> ProvideAsync(ItemsProviderRequest request)
    {
        _requests.Add(request);
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(request.CancellationToken);
        }

        var rows = Enumerable.Range(request.StartIndex, Math.Max(0, Math.Min(request.Count, _total - request.StartIndex))).Select(i => i - _shift);
        return new ItemsProviderResult<int>(rows.ToList(), _total);
    }

    private static List<string> Shown<T>(IRenderedComponent<T> cut)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll("li.row").Select(r => r.TextContent)];
}
