namespace WebMail.Web.Components.Mail;

/// <summary>
/// Which rows a scroll position shows, and where they are drawn, for rows of one fixed height.
/// <para>
/// The scroll area is <c>min(total × rowHeight, maxPixels)</c> tall. Below the cap a position is a pixel offset
/// (row <c>i</c> is at <c>i × rowHeight</c>). Above it the position is scaled: the first and last row's worth of
/// pixels scroll one to one (so the first and the last row sit exactly at the ends), and the rest maps linearly to
/// the remaining rows. Rows are drawn at <c>position + (i × rowHeight − offset)</c>, so the row under any pixel of
/// the viewport is the row at that point of the folder, whatever the folder's size.
/// </para>
/// The same formulas are in wwwroot/js/virtual-rows.js (its inverse, for keys and jumps); keep them together.
/// </summary>
public readonly record struct VirtualRowsLayout(int Total, double RowHeight, double MaxPixels, double Viewport)
{
    /// <summary>Height of the scroll area (pixels).</summary>
    public double Height => Math.Min(Total * RowHeight, MaxPixels);

    /// <summary>Whether positions are scaled (the rows need more pixels than the cap allows).</summary>
    public bool Scaled => Total * RowHeight > MaxPixels;

    /// <summary>The largest scroll position (pixels).</summary>
    public double MaxScroll => Math.Max(0, Height - Viewport);

    /// <summary>The largest offset into the rows (pixels in "real" row space).</summary>
    private double MaxOffset => Math.Max(0, (Total * RowHeight) - Viewport);

    /// <summary>The offset into the rows (real pixels) at the top of the viewport for a scroll position.</summary>
    public double OffsetAt(double scrollTop)
    {
        var p = Math.Clamp(scrollTop, 0, MaxScroll);
        if (!Scaled || MaxScroll <= 2 * RowHeight)
        {
            return Scaled && MaxScroll > 0 ? p * MaxOffset / MaxScroll : p;
        }

        var h = RowHeight;
        if (p <= h)
        {
            return p;
        }

        if (p >= MaxScroll - h)
        {
            return p + (MaxOffset - MaxScroll);
        }

        return h + ((p - h) * (MaxOffset - (2 * h)) / (MaxScroll - (2 * h)));
    }

    /// <summary>The scroll position whose viewport starts at <paramref name="offset"/> (the inverse of <see cref="OffsetAt"/>).</summary>
    public double ScrollTopFor(double offset)
    {
        var r = Math.Clamp(offset, 0, MaxOffset);
        if (!Scaled || MaxScroll <= 2 * RowHeight)
        {
            return Scaled && MaxOffset > 0 ? r * MaxScroll / MaxOffset : r;
        }

        var h = RowHeight;
        if (r <= h)
        {
            return r;
        }

        if (r >= MaxOffset - h)
        {
            return r - (MaxOffset - MaxScroll);
        }

        return h + ((r - h) * (MaxScroll - (2 * h)) / (MaxOffset - (2 * h)));
    }

    /// <summary>The rows to render for a scroll position: those in view plus up to <paramref name="overscan"/> each side.</summary>
    public VirtualWindow WindowAt(double scrollTop, int overscan)
    {
        if (Total <= 0 || RowHeight <= 0)
        {
            return new VirtualWindow(0, 0, 0, 0, 0);
        }

        var p = Math.Clamp(scrollTop, 0, MaxScroll);
        var r = OffsetAt(p);
        var h = RowHeight;
        const double Epsilon = 1e-6;
        var firstVisible = Math.Clamp((int)Math.Floor((r + Epsilon) / h), 0, Total - 1);
        var lastVisible = Math.Clamp((int)Math.Ceiling((r + Viewport - Epsilon) / h) - 1, firstVisible, Total - 1);

        // Rows are drawn at p + i·h − r; none may start above the area or end below it.
        var lowest = Math.Max(0, (int)Math.Ceiling(((r - p) / h) - Epsilon));
        var highest = Math.Min(Total - 1, (int)Math.Floor(((Height - p + r) / h) + Epsilon) - 1);
        var first = Math.Min(firstVisible, Math.Max(firstVisible - overscan, lowest));
        var last = Math.Max(lastVisible, Math.Min(lastVisible + overscan, highest));
        var count = last - first + 1;
        var top = Math.Max(0, p + (first * h) - r);
        return new VirtualWindow(first, count, firstVisible, top, Math.Max(0, Height - top - (count * h)));
    }
}

/// <summary>
/// Rows <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> − 1, drawn below a space <see cref="Top"/>
/// pixels tall and above one <see cref="Bottom"/> pixels tall; <see cref="FirstVisible"/> is the row at the viewport's top.
/// </summary>
public readonly record struct VirtualWindow(int First, int Count, int FirstVisible, double Top, double Bottom);

/// <summary>What the browser reports: the scroll position within the rows and the viewport's height (pixels).</summary>
public sealed record VirtualViewport(double ScrollTop, double Height);
