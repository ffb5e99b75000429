using System.Net;
using System.Text.Json;
using WebMail.Testing;

namespace WebMail.Web.Tests.Hosting;

/// <summary>What a proxy or orchestrator sees: /healthz says the process lives, /readyz whether it can serve users now.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_DatabaseAndMailServerAnswer_Ready()
    {
        await using var app = new WebMailFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("mail-server").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("settings-database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_MailServerDown_NotReadyWithTheReasonWhileHealthzStaysAlive()
    {
        // A port where nothing listens: the IMAP server is down.
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var app = new WebMailFactory().With("WebMail:Imap:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = app.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var mail = json.RootElement.GetProperty("checks").GetProperty("mail-server");
        Assert.Equal("Unhealthy", mail.GetProperty("status").GetString());
        Assert.Contains($"{MailStack.Host}:{port}", mail.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
