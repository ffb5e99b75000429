using System.Text;

namespace WebMail.Mail.Sieve;

/// <summary>A script the server keeps for the user, and whether it is the one that runs at delivery.</summary>
public sealed record SieveScriptInfo(string Name, bool IsActive);

/// <summary>What CHECKSCRIPT (or a PUTSCRIPT that was accepted) said: the server's warnings, if any.</summary>
public sealed record SieveCheckResult(bool IsValid, string Message);

/// <summary>
/// A small ManageSieve client (RFC 5804) for one signed-in user: one connection, one command at a time (callers do not
/// share it across threads). Every command has the configured timeout; a refusal throws <see cref="SieveCommandException"/>
/// with the server's words; a dropped or silent connection throws <see cref="MailUnavailableException"/>.
/// Open it with <see cref="ConnectAsync"/>.
/// </summary>
public sealed partial class ManageSieveClient : IAsyncDisposable
{
    /// <summary>What the server announced after login.</summary>
    public SieveCapabilities Capabilities { get; private set; } = SieveCapabilities.Parse([]);

    /// <summary>The user's scripts (LISTSCRIPTS).</summary>
    public async Task<IReadOnlyList<SieveScriptInfo>> ListScriptsAsync(CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync("LISTSCRIPTS", Command("LISTSCRIPTS"), cancellationToken).ConfigureAwait(false);
        return response.Lines
            .Where(l => l.Count > 0 && l[0].Kind == SieveTokenKind.String)
            .Select(l => new SieveScriptInfo(l[0].Text, l.Count > 1 && l[1].Text.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The text of script <paramref name="name"/> (GETSCRIPT); <see cref="SieveCommandException"/> with code NONEXISTENT when there is none.</summary>
    public async Task<string> GetScriptAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync("GETSCRIPT", Command("GETSCRIPT", name), cancellationToken).ConfigureAwait(false);
        return response.Lines.FirstOrDefault(l => l.Count > 0 && l[0].Kind == SieveTokenKind.String)?[0].Text ?? "";
    }

    /// <summary>Stores <paramref name="script"/> as <paramref name="name"/> (PUTSCRIPT). A script with errors is refused with the server's messages.</summary>
    public async Task<SieveCheckResult> PutScriptAsync(string name, string script, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync("PUTSCRIPT", Command("PUTSCRIPT", name, script), cancellationToken).ConfigureAwait(false);
        return new SieveCheckResult(true, response.Message);
    }

    /// <summary>Asks the server whether <paramref name="script"/> is valid without storing it (CHECKSCRIPT).</summary>
    public async Task<SieveCheckResult> CheckScriptAsync(string script, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await ExecuteAsync("CHECKSCRIPT", Command("CHECKSCRIPT", script), cancellationToken).ConfigureAwait(false);
            return new SieveCheckResult(true, response.Message);
        }
        catch (SieveCommandException ex)
        {
            return new SieveCheckResult(false, ex.ServerMessage);
        }
    }

    /// <summary>Makes <paramref name="name"/> the script that runs at delivery (SETACTIVE); an empty name turns every script off.</summary>
    public Task SetActiveAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync("SETACTIVE", Command("SETACTIVE", name), cancellationToken);

    /// <summary>Deletes script <paramref name="name"/> (DELETESCRIPT); the server refuses to delete the active script.</summary>
    public Task DeleteScriptAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETESCRIPT", Command("DELETESCRIPT", name), cancellationToken);

    /// <summary>Asks the server again what it offers (CAPABILITY).</summary>
    public async Task<SieveCapabilities> RefreshCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync("CAPABILITY", Command("CAPABILITY"), cancellationToken).ConfigureAwait(false);
        return Capabilities = CapabilitiesOf(response);
    }

    /// <summary>
    /// One command as bytes: the verb, then each argument as a quoted string when it is short and single-line, else as a
    /// non-synchronising literal <c>{n+}</c> (RFC 5804 literal-c2s).
    /// </summary>
    internal static byte[] Command(string verb, params string[] arguments)
    {
        var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(verb));
        foreach (var argument in arguments)
        {
            output.WriteByte((byte)' ');
            WriteString(output, argument);
        }

        output.Write("\r\n"u8);
        return output.ToArray();
    }

    private static void WriteString(MemoryStream output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < 1000 && !value.Contains('\r') && !value.Contains('\n') && !value.Contains('\0'))
        {
            output.WriteByte((byte)'"');
            output.Write(Encoding.UTF8.GetBytes(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)));
            output.WriteByte((byte)'"');
            return;
        }

        output.Write(Encoding.ASCII.GetBytes($"{{{bytes.Length}+}}\r\n"));
        output.Write(bytes);
    }

    private static SieveCapabilities CapabilitiesOf(SieveResponse response) => SieveCapabilities.Parse(
        response.Lines.Where(l => l.Count > 0 && l[0].Kind == SieveTokenKind.String)
            .Select(l => (l[0].Text, l.Count > 1 ? l[1].Text : null)));
}

/// <summary>A complete response: the data lines before it, and the final OK's code and message.</summary>
internal sealed record SieveResponse(IReadOnlyList<IReadOnlyList<SieveToken>> Lines, string? Code, string Message);
