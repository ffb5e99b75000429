using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Account;

/// <summary>How password guessing is slowed and stopped. Bound from <c>WebMail:SignIn:Throttle</c>.</summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "WebMail:SignIn:Throttle";

    /// <summary>Wrong passwords one client address may try for one account within <see cref="WindowMinutes"/>; the next attempt is refused (429) for <see cref="LockMinutes"/>.</summary>
    [Range(1, 1000)]
    public int FreeAttempts { get; set; } = 10;

    /// <summary>Wrong passwords for one account from all addresses together within <see cref="WindowMinutes"/>; past it every address waits <see cref="LockMinutes"/>.</summary>
    [Range(1, 100000)]
    public int AccountCeiling { get; set; } = 100;

    /// <summary>How long failures are remembered (minutes, counted from the first failure).</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>How long a lock lasts (minutes).</summary>
    [Range(1, 1440)]
    public int LockMinutes { get; set; } = 15;

    /// <summary>Extra wait before answering the n-th wrong password of a client (n − 1 times this), so guesses slow down before the lock.</summary>
    [Range(0, 10000)]
    public int DelayStepMilliseconds { get; set; } = 250;

    /// <summary>Longest such wait (milliseconds).</summary>
    [Range(0, 60000)]
    public int MaxDelayMilliseconds { get; set; } = 2000;
}
