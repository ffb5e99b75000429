using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WebMail.Testing;

namespace WebMail.Web.Tests;

/// <summary>The real app in memory, pointed at the real local Dovecot.</summary>
public sealed class WebMailFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["WebMail:Imap:Host"] = MailStack.Host,
        ["WebMail:Imap:Port"] = MailStack.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WebMail:Imap:Security"] = "None",
        ["WebMail:Smtp:Host"] = MailStack.Host,
        ["WebMail:Smtp:Port"] = MailStack.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WebMail:Smtp:Security"] = "None",
        ["WebMail:Session:CloseAfterSeconds"] = "60",
        ["WebMail:DataDirectory"] = Directory.CreateTempSubdirectory("webmail-web-tests-").FullName,
    };

    public WebMailFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The settings database on PostgreSQL (several instances given one connection string share it).</summary>
    public WebMailFactory WithPostgreSql(string connectionString) => With("WebMail:Database:Provider", "PostgreSql")
        .With("WebMail:Database:ConnectionString", connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form; returns the client carrying the auth cookie.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password = MailStack.TestPassword)
    {
        var client = CreateBrowserClient();
        var response = await PostLoginAsync(client, user, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Reads the antiforgery token from a server-rendered form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!match.Success)
        {
            match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        }

        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {path}");
    }
}
