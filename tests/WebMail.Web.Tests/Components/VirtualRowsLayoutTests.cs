using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The arithmetic of the list: the row under any pixel of the viewport is the row at that point of the folder.</summary>
public sealed class VirtualRowsLayoutTests
{
    private const double Row = 58;
    private const double Viewport = 900;
    private const double Cap = 10_000_000;

    [Fact]
    public void WindowAt_SmallFolderBelowTheCap_PixelsAreRowsAndOverscanEachSide()
    {
        var layout = new VirtualRowsLayout(1_000, Row, Cap, Viewport);

        var window = layout.WindowAt(400 * Row, overscan: 10);

        Assert.False(layout.Scaled);
        Assert.Equal(1_000 * Row, layout.Height);
        Assert.Equal(400, window.FirstVisible);
        Assert.Equal(390, window.First);
        Assert.Equal(390 * Row, window.Top);
        Assert.Equal(10 + 16 + 10, window.Count);
        Assert.Equal(layout.Height, window.Top + (window.Count * Row) + window.Bottom, 3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100_000)]
    [InlineData(172_414)]
    [InlineData(580_000)]
    [InlineData(1_000_000)]
    [InlineData(5_000_000)]
    public void WindowAt_AnyFolderSize_TheRowUnderEachViewportPixelIsTheRowAtThatOffset(int total)
    {
        var layout = new VirtualRowsLayout(total, Row, Cap, Viewport);
        Assert.Equal(total * Row > Cap, layout.Scaled);
        Assert.True(layout.Height <= Cap);

        for (var step = 0; step <= 1_000; step++)
        {
            var scrollTop = layout.MaxScroll * step / 1_000;
            var window = layout.WindowAt(scrollTop, overscan: 10);
            var offset = layout.OffsetAt(scrollTop);

            // Drawn inside the area, and the drawing puts row i at scrollTop + (i·h − offset).
            Assert.True(window.Top >= 0 && window.Bottom >= -1e-6, $"step {step}: top {window.Top}, bottom {window.Bottom}");
            Assert.Equal(layout.Height, window.Top + (window.Count * Row) + window.Bottom, 3);
            var expectedFirstVisible = Math.Min(total - 1, (int)Math.Floor((offset + 1e-6) / Row));
            Assert.Equal(expectedFirstVisible, window.FirstVisible);
            var drawnAt = window.Top + ((window.FirstVisible - window.First) * Row);
            Assert.Equal(scrollTop + (window.FirstVisible * Row) - offset, drawnAt, 3);

            // Every row touching the viewport is drawn.
            var lastVisible = Math.Min(total - 1, (int)Math.Ceiling((offset + Viewport) / Row) - 1);
            Assert.True(window.First <= window.FirstVisible && window.First + window.Count - 1 >= lastVisible, $"step {step}");
        }

        // The ends are exact: the top shows the first row at the top, the bottom the last row at the bottom.
        Assert.Equal(0, layout.WindowAt(0, 10).FirstVisible);
        var end = layout.WindowAt(layout.MaxScroll, 10);
        Assert.Equal(total - 1, end.First + end.Count - 1);
        Assert.Equal(0, end.Bottom, 3);
    }

    [Fact]
    public void OffsetAt_ScaledMillionRows_MiddleOfTheScrollbarIsTheMiddleOfTheFolder()
    {
        var layout = new VirtualRowsLayout(1_000_000, Row, Cap, Viewport);

        var middle = layout.WindowAt(layout.MaxScroll / 2, 10).FirstVisible;

        Assert.True(layout.Scaled);
        Assert.InRange(middle, 499_990, 500_000);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void ScrollTopFor_IsTheInverseOfOffsetAt(int total)
    {
        var layout = new VirtualRowsLayout(total, Row, Cap, Viewport);
        for (var step = 0; step <= 200; step++)
        {
            var scrollTop = layout.MaxScroll * step / 200;
            Assert.Equal(scrollTop, layout.ScrollTopFor(layout.OffsetAt(scrollTop)), 3);
        }

        var previous = -1.0;
        for (var step = 0; step <= 200; step++)
        {
            var offset = layout.OffsetAt(layout.MaxScroll * step / 200);
            Assert.True(offset >= previous, "offsets grow with the scroll position");
            previous = offset;
        }
    }

    [Fact]
    public void WindowAt_NoRows_DrawsNothing()
    {
        var window = new VirtualRowsLayout(0, Row, Cap, Viewport).WindowAt(500, 10);

        Assert.Equal(new VirtualWindow(0, 0, 0, 0, 0), window);
    }
}
