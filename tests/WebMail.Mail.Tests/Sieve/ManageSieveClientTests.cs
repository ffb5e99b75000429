using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sieve;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>Our ManageSieve client against the local stack's Pigeonhole.</summary>
public sealed class ManageSieveClientTests
{
    private static Task<ManageSieveClient> ConnectAsync(string user, SieveOptions? options = null) =>
        ManageSieveClient.ConnectAsync(options ?? SieveStack.Options(), new PasswordCredential(user, MailStack.TestPassword));

    [Fact]
    public async Task Connect_StartTlsAndPassword_ReportsCapabilities()
    {
        await using var client = await ConnectAsync(MailStack.NewUser());

        Assert.Contains("Pigeonhole", client.Capabilities.Implementation, StringComparison.Ordinal);
        Assert.Equal("1.0", client.Capabilities.Version);
        foreach (var extension in new[] { "fileinto", "copy", "imap4flags", "body", "reject", "vacation", "date", "relational" })
        {
            Assert.True(client.Capabilities.Supports(extension), extension);
        }

        Assert.Contains("OAUTHBEARER", client.Capabilities.SaslMechanisms);
        Assert.NotNull(client.Capabilities.MaxRedirects);
    }

    [Fact]
    public async Task PutScript_SyntaxError_ReturnsTheServersMessage()
    {
        await using var client = await ConnectAsync(MailStack.NewUser());

        var refusal = await Assert.ThrowsAsync<SieveCommandException>(() => client.PutScriptAsync("broken", "require \"fileinto\";\nif header :contains \"subject\" \"x\" {\n  fileinto \"A\"\n}\n"));

        Assert.Equal("PUTSCRIPT", refusal.Command);
        Assert.Contains("line 4", refusal.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("error", refusal.ServerMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await client.ListScriptsAsync());
        var check = await client.CheckScriptAsync("keep;\nfrobnicate;\n");
        Assert.False(check.IsValid);
        Assert.Contains("frobnicate", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutScript_SetActive_ListsGetsAndDeletes()
    {
        await using var client = await ConnectAsync(MailStack.NewUser());
        var script = "require [\"fileinto\"];\n# Ünïcödé and a long literal: " + new string('x', 3000) + "\nif header :is \"subject\" \"a\\\"b\" {\n  fileinto \"Sorted\";\n}\n";

        await client.PutScriptAsync("first", script);
        await client.PutScriptAsync("second", "keep;\n");
        await client.SetActiveAsync("first");

        var scripts = await client.ListScriptsAsync();
        Assert.Equal([new SieveScriptInfo("first", true), new SieveScriptInfo("second", false)], scripts.OrderBy(s => s.Name));
        Assert.Equal(script, (await client.GetScriptAsync("first")).ReplaceLineEndings("\n"));
        Assert.True((await client.CheckScriptAsync(script)).IsValid);

        await Assert.ThrowsAsync<SieveCommandException>(() => client.DeleteScriptAsync("first"));
        await client.SetActiveAsync("");
        await client.DeleteScriptAsync("first");
        Assert.Equal([new SieveScriptInfo("second", false)], await client.ListScriptsAsync());
        var missing = await Assert.ThrowsAsync<SieveCommandException>(() => client.GetScriptAsync("first"));
        Assert.Equal("NONEXISTENT", missing.Code);
    }

    [Fact]
    public async Task Connect_OAuthBearerWithDevToken_LogsIn()
    {
        var user = MailStack.NewUser();
        await using (var client = await ManageSieveClient.ConnectAsync(SieveStack.Options(), new OAuthCredential(user, SieveStack.DevToken(user))))
        {
            await client.PutScriptAsync("by-token", "keep;\n");
            Assert.Single(await client.ListScriptsAsync());
        }

        var refused = await Assert.ThrowsAsync<MailAuthenticationException>(() =>
            ManageSieveClient.ConnectAsync(SieveStack.Options(), new OAuthCredential(user, SieveStack.DevToken(MailStack.NewUser()))));
        Assert.Contains("sign-in token", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ServerDropsTheConnection_FailsClearly()
    {
        await using var relay = new TcpRelay(MailStack.Host, SieveStack.Port);
        relay.Start();
        await using var client = await ConnectAsync(MailStack.NewUser(), SieveStack.Options(MailSecurity.None, relay.Port));

        await relay.StopAsync();
        var failure = await Assert.ThrowsAsync<MailUnavailableException>(() => client.ListScriptsAsync());

        Assert.Contains("during LISTSCRIPTS", failure.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<MailUnavailableException>(() => client.ListScriptsAsync());
        Assert.Contains("connect again", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_IsAnAuthenticationFailure()
    {
        var refused = await Assert.ThrowsAsync<MailAuthenticationException>(() =>
            ManageSieveClient.ConnectAsync(SieveStack.Options(), new PasswordCredential(MailStack.NewUser(), "wrong")));
        Assert.Contains("user name and password", refused.Message, StringComparison.Ordinal);
    }
}
