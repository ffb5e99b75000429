namespace WebMail.Web.Data;

/// <summary>
/// Failed password sign-ins of one account from one client address (or, with <see cref="AllClients"/>, from all
/// addresses) in the current window, and the lock they led to. Kept in the settings database so every instance
/// counts the same failures.
/// </summary>
public sealed class SignInFailureRecord
{
    /// <summary>The <see cref="Client"/> of the per-account row that counts failures from every address.</summary>
    public const string AllClients = "*";

    /// <summary>The account (sign-in user name, lower-cased).</summary>
    public string Account { get; set; } = "";

    /// <summary>The client's IP address, or <see cref="AllClients"/>.</summary>
    public string Client { get; set; } = "";

    /// <summary>When the first failure of the current window happened (UTC).</summary>
    public DateTime WindowStartUtc { get; set; }

    /// <summary>Attempts counted in the window (a right password or a server outage takes its attempt back).</summary>
    public int Failures { get; set; }

    /// <summary>Until when sign-ins are refused without asking the mail server (UTC), or null.</summary>
    public DateTime? LockedUntilUtc { get; set; }
}
