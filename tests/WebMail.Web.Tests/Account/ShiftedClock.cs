namespace WebMail.Web.Tests.Account;

/// <summary>
/// WebMail's clock moved forward, so a token looks close to expiry (or expired) without waiting for it; and,
/// once frozen, standing still, so that steps of a few seconds (backoff) do not depend on how fast the test runs.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private DateTimeOffset? _frozenAt;

    public TimeSpan Shift { get; set; }

    /// <summary>Stops the clock at the current moment; from now on only <see cref="Shift"/> moves it.</summary>
    public void Freeze() => _frozenAt = base.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => (_frozenAt ?? base.GetUtcNow()) + Shift;
}
