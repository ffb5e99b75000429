namespace WebMail.Web.Tests.Account;

/// <summary>WebMail's clock moved forward, so a token looks close to expiry (or expired) without waiting for it.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
