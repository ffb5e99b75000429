using System.Net;
using System.Text.RegularExpressions;

namespace WebMail.Web.Tests.Account;

/// <summary>
/// A cookie-keeping HTTP client that walks the sign-in the way a browser does: WebMail → provider's sign-in
/// form → back to WebMail, following every redirect by hand so each hop can be inspected.
/// </summary>
internal sealed partial class SsoHttpBrowser : IDisposable
{
    private readonly HttpClientHandler _handler;
    private readonly HttpClient _http;

    public SsoHttpBrowser(string webMail, CookieContainer? cookies = null)
    {
        WebMail = new Uri(webMail.TrimEnd('/') + "/");
        _handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() };
        _http = new HttpClient(_handler);
    }

    /// <summary>The same browser (same cookies) pointed at another WebMail address.</summary>
    public SsoHttpBrowser At(string webMail) => new(webMail, _handler.CookieContainer);

    public Uri WebMail { get; }

    /// <summary>Where the last request ended after all redirects.</summary>
    public Uri? Location { get; private set; }

    public string LastBody { get; private set; } = "";

    /// <summary>Every URL this browser requested, in order.</summary>
    public List<string> Visited { get; } = [];

    /// <summary>GETs a URL and follows redirects; returns the final page.</summary>
    public async Task<string> GetAsync(string pathOrUrl) => await FollowAsync(await _http.GetAsync(Resolve(pathOrUrl)), Resolve(pathOrUrl));

    /// <summary>True when the last page is the provider's sign-in form.</summary>
    public bool OnProviderSignInPage => LastBody.Contains("WebMail Dev Identity Provider", StringComparison.Ordinal) && LastBody.Contains("name=\"Password\"", StringComparison.Ordinal);

    /// <summary>Starts an SSO sign-in at WebMail and completes the provider's form; returns the final WebMail page.</summary>
    public async Task<string> SignInAsync(string email, string password = global::WebMail.Testing.MailStack.TestPassword)
    {
        await GetAsync("account/sso");
        Assert.True(OnProviderSignInPage, $"expected the provider's sign-in page, got {Location}");
        return await SubmitProviderFormAsync(email, password);
    }

    /// <summary>Starts an SSO sign-in at WebMail and completes the node oidc-provider's form (consent is granted there); returns the final WebMail page.</summary>
    public async Task<string> SignInAtNodeProviderAsync(string email, string password = global::WebMail.Testing.MailStack.TestPassword)
    {
        await GetAsync("account/sso");
        Assert.True(LastBody.Contains("Node OIDC Provider", StringComparison.Ordinal), $"expected the node provider's sign-in page, got {Location}\n{LastBody}");
        var action = new Uri(Location!, FormAction().Match(LastBody).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        return await FollowAsync(await _http.PostAsync(action, form), action);
    }

    /// <summary>Posts the provider's sign-in form shown in <see cref="LastBody"/> and follows redirects.</summary>
    public async Task<string> SubmitProviderFormAsync(string email, string password)
    {
        var antiforgery = AntiforgeryField().Match(LastBody);
        var returnUrl = ReturnUrlField().Match(LastBody);
        var action = new Uri(Location!, FormAction().Match(LastBody).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["ReturnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value),
            ["Email"] = email,
            ["Password"] = password,
        });
        return await FollowAsync(await _http.PostAsync(action, form), action);
    }

    /// <summary>Posts WebMail's sign-out form (with its antiforgery token) and follows the logout round trip.</summary>
    public async Task<string> SignOutAsync()
    {
        var page = await GetAsync("/");
        var token = WebMailAntiforgery().Match(page);
        Assert.True(token.Success, "no sign-out form on the page");
        var url = Resolve("account/logout");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) });
        return await FollowAsync(await _http.PostAsync(url, form), url);
    }

    private async Task<string> FollowAsync(HttpResponseMessage response, Uri url)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            HttpResponseMessage next;
            using (response)
            {
                Visited.Add(url.ToString());
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
                {
                    url = new Uri(url, response.Headers.Location!);
                    next = await _http.GetAsync(url);
                }
                else
                {
                    Location = url;
                    LastBody = await response.Content.ReadAsStringAsync();
                    if (AutoPostForm().Match(LastBody) is not { Success: true } autoPost)
                    {
                        return LastBody;
                    }

                    // response_mode=form_post: the page posts itself back to the client, as a browser's script would.
                    var fields = HiddenInput().Matches(autoPost.Groups[2].Value)
                        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
                    url = new Uri(url, WebUtility.HtmlDecode(autoPost.Groups[1].Value));
                    using var form = new FormUrlEncodedContent(fields);
                    next = await _http.PostAsync(url, form);
                }
            }

            response = next;
        }

        throw new InvalidOperationException("too many redirects");
    }

    private Uri Resolve(string pathOrUrl) => new(WebMail, pathOrUrl.TrimStart('/'));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("<form name=\"form\" method=\"post\" action=\"([^\"]+)\">(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex AutoPostForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex WebMailAntiforgery();
}
