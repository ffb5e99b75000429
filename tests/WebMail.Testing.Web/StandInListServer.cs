using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using WebMail.Web.Unsubscribe;

namespace WebMail.Testing.Web;

/// <summary>One request the stand-in list server received.</summary>
public sealed record ListRequest(string Where, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real https server standing in for a mailing list's unsubscribe endpoint (RFC 8058 one-click), with its own
/// self-signed certificate. It listens on 127.0.0.2 (the address the tests allow, reached as
/// <see cref="StandInResolver.ImageHost"/>) and on 127.0.0.1 (an internal service WebMail must never reach), and records
/// every request. Paths: <c>/unsubscribe</c> 200, <c>/refuse</c> 500, <c>/same-host</c> 307 to <c>/unsubscribe?moved</c>,
/// <c>/elsewhere</c> 307 to the same server under another host name (127.0.0.2).
/// </summary>
public sealed class StandInListServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInListServer(WebApplication app, X509Certificate2 certificate) => (_app, Certificate) = (app, certificate);

    public X509Certificate2 Certificate { get; }

    /// <summary>Port on 127.0.0.2.</summary>
    public int Port { get; private set; }

    /// <summary>Port of the same server on 127.0.0.1, the "internal service".</summary>
    public int InternalPort { get; private set; }

    /// <summary>Base URL through the allowed name: https://img.stand-in.example:PORT.</summary>
    public string Base => $"https://{StandInResolver.ImageHost}:{Port}";

    public ConcurrentQueue<ListRequest> Requests { get; } = new();

    public static async Task<StandInListServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Parse("127.0.0.2"), 0, l => l.UseHttps(certificate));
            o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));
        });
        var server = new StandInListServer(builder.Build(), certificate);
        server.Map();
        await server._app.StartAsync();
        var addresses = server._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.Port = new Uri(addresses.Single(a => a.Contains("127.0.0.2", StringComparison.Ordinal))).Port;
        server.InternalPort = new Uri(addresses.Single(a => a.Contains("127.0.0.1", StringComparison.Ordinal))).Port;
        return server;
    }

    /// <summary>
    /// Lets WebMail's one-click client accept this server's self-signed certificate (and only it): the test's stand-in
    /// for a certificate from a public authority. Everything else about the guarded handler stays as in production.
    /// </summary>
    public void TrustFrom(IServiceCollection services)
    {
        var thumbprint = Certificate.GetCertHashString();
        services.Configure<HttpClientFactoryOptions>(OneClickUnsubscriber.ClientName, o => o.HttpMessageHandlerBuilderActions.Add(b =>
        {
            if (b.PrimaryHandler is SocketsHttpHandler handler)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    errors == SslPolicyErrors.None || presented?.GetCertHashString() == thumbprint;
            }
        }));
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var where = context.Connection.LocalIpAddress?.Equals(IPAddress.Loopback) == true ? "internal" : "allowed";
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Requests.Enqueue(new ListRequest(where, context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
            await next(context);
        });
        _app.MapPost("/unsubscribe", () => Results.Text("You are unsubscribed."));
        _app.MapPost("/refuse", () => Results.StatusCode(500));
        _app.MapPost("/same-host", () => Results.Redirect("/unsubscribe?moved", permanent: false, preserveMethod: true));
        _app.MapPost("/elsewhere", (HttpContext c) => Results.Redirect($"https://127.0.0.2:{c.Connection.LocalPort}/unsubscribe?elsewhere", permanent: false, preserveMethod: true));
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=stand-in list", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(StandInResolver.ImageHost);
        names.AddIpAddress(IPAddress.Parse("127.0.0.2"));
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
