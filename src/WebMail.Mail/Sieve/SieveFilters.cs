using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sieve;

/// <summary>
/// The user's script as the settings pages see it: WebMail's own rules (<see cref="Filters"/> set) or a script WebMail did
/// not write (<see cref="Filters"/> null, <see cref="Script"/> its text), which is shown and saved as it is, never rewritten.
/// </summary>
public sealed record FilterState(SieveCapabilities Capabilities, string ScriptName, bool IsActive, FilterSet? Filters, string Script)
{
    /// <summary>Whether the script is one WebMail wrote and may rewrite.</summary>
    public bool IsWebMailScript => Filters is not null;
}

/// <summary>
/// Reads and writes a user's filters over ManageSieve, one short connection per operation, logged in with the same
/// credential as the user's IMAP session.
/// </summary>
public sealed partial class SieveFilters(IOptions<SieveOptions> options, IMailCredentialSource credentials, ILogger<SieveFilters> logger, TimeProvider? time = null)
{
    private readonly SieveOptions _options = options.Value;

    /// <summary>Whether filters are offered at all (<c>WebMail:Sieve:Enabled</c>).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>The active script (or WebMail's, when none is active) and what it holds.</summary>
    public Task<FilterState> LoadAsync(string userName, CancellationToken cancellationToken = default) =>
        WithClientAsync(userName, async client =>
        {
            var scripts = await client.ListScriptsAsync(cancellationToken).ConfigureAwait(false);
            var active = scripts.FirstOrDefault(s => s.IsActive);
            var name = active?.Name ?? _options.ScriptName;
            if (active is null && !scripts.Any(s => s.Name == name))
            {
                return new FilterState(client.Capabilities, name, false, FilterSet.Empty, "");
            }

            var text = await client.GetScriptAsync(name, cancellationToken).ConfigureAwait(false);
            return new FilterState(client.Capabilities, name, active is not null, SieveScriptReader.TryRead(text), text);
        }, cancellationToken);

    /// <summary>
    /// Writes <paramref name="filters"/> as WebMail's script and makes it the active one. Returns the server's warnings, if any.
    /// Rules file with <c>fileinto :create</c> when the server has the "mailbox" extension.
    /// </summary>
    public Task<SieveCheckResult> SaveAsync(string userName, FilterSet filters, CancellationToken cancellationToken = default)
    {
        SieveScriptWriter.Write(filters); // what cannot be written fails before connecting
        return WithClientAsync(userName, async client =>
        {
            var script = SieveScriptWriter.Write(filters, client.Capabilities.Supports("mailbox"));
            var result = await client.PutScriptAsync(_options.ScriptName, script, cancellationToken).ConfigureAwait(false);
            await client.SetActiveAsync(_options.ScriptName, cancellationToken).ConfigureAwait(false);
            LogSaved(logger, filters.Rules.Count, filters.Vacation.Enabled);
            return result;
        }, cancellationToken);
    }

    /// <summary>Stores a hand-written script as it is, under its own name, and activates it; the server's syntax errors come back as <see cref="SieveCommandException"/>.</summary>
    public Task<SieveCheckResult> SaveRawAsync(string userName, string scriptName, string script, CancellationToken cancellationToken = default) =>
        WithClientAsync(userName, async client =>
        {
            var result = await client.PutScriptAsync(scriptName, script, cancellationToken).ConfigureAwait(false);
            await client.SetActiveAsync(scriptName, cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    /// <summary>Whether the server would accept <paramref name="script"/> (CHECKSCRIPT), with its messages.</summary>
    public Task<SieveCheckResult> CheckAsync(string userName, string script, CancellationToken cancellationToken = default) =>
        WithClientAsync(userName, client => client.CheckScriptAsync(script, cancellationToken), cancellationToken);

    private async Task<T> WithClientAsync<T>(string userName, Func<ManageSieveClient, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            throw new InvalidOperationException("Filters are turned off (WebMail:Sieve:Enabled).");
        }

        var credential = await credentials.GetCredentialAsync(userName, cancellationToken).ConfigureAwait(false)
            ?? throw new MailSignedOutException(MailFailureKind.FilterSignedOut);
        try
        {
            await using var client = await ManageSieveClient.ConnectAsync(_options, credential, time, cancellationToken).ConfigureAwait(false);
            return await work(client).ConfigureAwait(false);
        }
        catch (MailException ex) when (ex is not SieveCommandException)
        {
            LogFailed(logger, _options.ServerName, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Filters saved: {Rules} rule(s), vacation reply {Vacation}")]
    private static partial void LogSaved(ILogger logger, int rules, bool vacation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ManageSieve server {Server} failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string server, string kind, string reason);
}
