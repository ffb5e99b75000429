using System.Security.Cryptography;
using System.Text;

namespace WebMail.DevIdentityProvider;

/// <summary>A person who can sign in at the dev provider.</summary>
/// <param name="Email">The sign-in name and the <c>email</c> claim: the mail user name.</param>
/// <param name="Name">The display name (<c>name</c> claim).</param>
/// <param name="Subject">A stable opaque id (<c>sub</c> claim), deliberately not the email address.</param>
public sealed record DevUser(string Email, string Name, string Subject);

/// <summary>
/// The demo users of the local mail stack (deploy/mailstack/users.passwd), one without a mailbox, and
/// any address of the test domain, as the stack has them.
/// </summary>
public static class DevUsers
{
    /// <summary>Any local part of this domain signs in with <see cref="TestPassword"/>, as at the mail stack.</summary>
    public const string TestDomain = "test.example";

    public const string TestPassword = "test-password";

    private static readonly Dictionary<string, (string Name, string Password)> Demo = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alice@example.test"] = ("Alice Johnson", "alice-demo"),
        ["bob@example.test"] = ("Bob Smith", "bob-demo"),
        // Known here but has no mailbox at the mail stack: for the "no mailbox" error path.
        ["ghost@example.test"] = ("Ghost User", "ghost-demo"),
    };

    /// <summary>The user with this address, or null when the provider does not know it.</summary>
    public static DevUser? Find(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var address = email.Trim().ToLowerInvariant();
        if (Demo.TryGetValue(address, out var demo))
        {
            return new DevUser(address, demo.Name, SubjectFor(address));
        }

        var at = address.LastIndexOf('@');
        return at > 0 && address[(at + 1)..] == TestDomain && address.IndexOfAny([' ', '\t', '<', '>', '"']) < 0
            ? new DevUser(address, address[..at], SubjectFor(address))
            : null;
    }

    /// <summary>The user when the password is right, otherwise null (unknown user and wrong password look the same).</summary>
    public static DevUser? SignIn(string? email, string? password)
    {
        var user = Find(email);
        if (user is null || password is null)
        {
            return null;
        }

        var expected = Demo.TryGetValue(user.Email, out var demo) ? demo.Password : TestPassword;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(expected)) ? user : null;
    }

    /// <summary>The <c>sub</c> of an address: stable across restarts, opaque, lower-case hex.</summary>
    public static string SubjectFor(string email) =>
        "u-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..24];
}
