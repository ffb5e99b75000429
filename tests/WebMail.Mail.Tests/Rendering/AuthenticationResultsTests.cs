using MimeKit;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class AuthenticationResultsTests
{
    private const string Trusted = "mx.test.example";
    private const string From = "alerts@northwind-bank.example";

    [Fact]
    public void Parse_CommentsQuotedStringsAndVersions_ReadsEachMethod()
    {
        var parsed = AuthenticationResults.Parse(
            "mx.test.example 1 (our (nested) border; server);\r\n\tspf=pass (sender IP is 192.0.2.10; \"quoted\" \\) comment) smtp.mailfrom=bounce@mail.example.com;" +
            " dkim/1 = pass (2048-bit key) header.d=example.com header.i=@example.com header.b=\"ab;cd\"; dmarc=fail reason=\"p=reject; aligned=no\" header.from=example.com");

        Assert.NotNull(parsed);
        Assert.Equal("mx.test.example", parsed.AuthServId);
        Assert.Equal(["spf", "dkim", "dmarc"], parsed.Results.Select(r => r.Method));
        Assert.Equal(["pass", "pass", "fail"], parsed.Results.Select(r => r.Result));
        Assert.Equal("bounce@mail.example.com", parsed.Results[0].Property("smtp.mailfrom"));
        Assert.Equal("example.com", parsed.Results[1].Property("header.d"));
        Assert.Equal("ab;cd", parsed.Results[1].Property("header.b"));
        Assert.Equal("example.com", parsed.Results[2].Property("header.from"));
    }

    [Fact]
    public void Parse_NoResultAndQuotedId_NoMethods()
    {
        var none = AuthenticationResults.Parse("mx.test.example; none");
        var quoted = AuthenticationResults.Parse("\"mx test;example\" ; spf=none");

        Assert.Empty(none!.Results);
        Assert.Equal("mx test;example", quoted!.AuthServId);
        Assert.Equal("none", Assert.Single(quoted.Results).Result);
        Assert.Null(AuthenticationResults.Parse("spf=pass smtp.mailfrom=example.com"));
        Assert.Null(AuthenticationResults.Parse("  "));
    }

    [Fact]
    public void Parse_MicrosoftStyleExtras_Tolerated()
    {
        var parsed = AuthenticationResults.Parse(
            "spf=pass (sender IP is 40.107.1.2) smtp.mailfrom=contoso.com; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=contoso.com;compauth=pass reason=109");

        // An id-less first statement (Exchange Online writes none) is not a usable header at all.
        Assert.Null(parsed);
        var withId = AuthenticationResults.Parse("mx.test.example; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=contoso.com;compauth=pass reason=109");
        Assert.Equal(["dkim", "dmarc", "compauth"], withId!.Results.Select(r => r.Method));
        Assert.Equal("none", withId.Results[1].Property("action"));
    }

    [Theory]
    [InlineData("spf=pass smtp.mailfrom=northwind-bank.example; dkim=pass header.d=northwind-bank.example; dmarc=pass header.from=northwind-bank.example", "Verified northwind-bank.example")]
    [InlineData("dmarc=pass header.from=northwind-bank.example", "Verified northwind-bank.example")]
    [InlineData("spf=fail smtp.mailfrom=northwind-bank.example; dkim=pass header.d=northwind-bank.example; dmarc=fail header.from=northwind-bank.example", "Could not verify this sender")]
    [InlineData("spf=pass smtp.mailfrom=x.example; dkim=pass header.d=mail.northwind-bank.example", "Verified northwind-bank.example")]
    [InlineData("dkim=pass header.d=northwind-bank.example.evil.example; spf=fail", null)]
    [InlineData("spf=fail smtp.mailfrom=northwind-bank.example; dkim=none", "Could not verify this sender")]
    [InlineData("spf=softfail; dkim=fail header.d=northwind-bank.example; dmarc=none header.from=northwind-bank.example", "Could not verify this sender")]
    [InlineData("none", "Could not verify this sender")]
    [InlineData("spf=pass smtp.mailfrom=northwind-bank.example; dkim=none", null)]
    [InlineData("spf=temperror; dkim=fail", null)]
    [InlineData("dmarc=pass header.from=other.example", "Could not verify this sender")]
    public void Decide_TrustedResults_Verdict(string results, string? expected)
    {
        var verdict = SenderVerdict.Decide(Headers($"{Trusted}; {results}"), From, Trusted);

        Assert.Equal(expected, verdict?.Text);
    }

    [Fact]
    public void Decide_DkimOfAnotherOrganisation_NotVerified()
    {
        var verdict = SenderVerdict.Decide(Headers($"{Trusted}; spf=none; dkim=pass header.d=mailer.example.net"), From, Trusted);

        // DKIM passed, but for someone else: neither verified nor refuted.
        Assert.Null(verdict);
        Assert.True(Domains.Aligned("news.example.co.uk", "example.co.uk"));
        Assert.False(Domains.Aligned("attacker.co.uk", "victim.co.uk"));
        Assert.False(Domains.Aligned("attacker.github.io", "victim.github.io"));
    }

    [Fact]
    public void Decide_OnlyOtherAuthServIds_NoVerdict()
    {
        var headers = Headers("relay.attacker.example; dmarc=pass header.from=northwind-bank.example", "mx.test.example.attacker.example; dmarc=pass");

        Assert.Null(SenderVerdict.Decide(headers, From, Trusted));
    }

    [Fact]
    public void Decide_TrustedIdBelowTheFirstTrustedOne_Ignored()
    {
        // Top = added last, by our own server; the sender wrote the fields below it before the message reached us.
        var headers = Headers(
            "other.example; dmarc=pass header.from=northwind-bank.example",
            "MX.TEST.EXAMPLE; spf=fail; dkim=none; dmarc=fail header.from=northwind-bank.example",
            $"{Trusted}; dkim=pass header.d=northwind-bank.example; dmarc=pass header.from=northwind-bank.example");

        var verdict = SenderVerdict.Decide(headers, From, Trusted);

        Assert.Equal(SenderVerdictKind.NotVerified, verdict?.Kind);
        Assert.Equal(["SPF fail", "DKIM none", "DMARC fail (from northwind-bank.example)"], verdict!.Checks);
    }

    [Fact]
    public void Decide_NoTrustedIdConfigured_NoVerdict()
    {
        var headers = Headers($"{Trusted}; dmarc=pass header.from=northwind-bank.example");

        Assert.Null(SenderVerdict.Decide(headers, From, ""));
        Assert.Null(SenderVerdict.Decide(headers, null, Trusted));
        Assert.Null(SenderVerdict.Decide([], From, Trusted));
    }

    [Fact]
    public void Decide_Verified_SaysWhatPassed()
    {
        var verdict = SenderVerdict.Decide(
            Headers($"{Trusted}; spf=pass (ok) smtp.mailfrom=bounce@northwind-bank.example; dkim=pass header.d=northwind-bank.example; arc=none"), From, Trusted);

        Assert.Equal("Verified northwind-bank.example", verdict?.Text);
        Assert.Equal(["SPF pass (bounce@northwind-bank.example)", "DKIM pass (d=northwind-bank.example)"], verdict!.Checks);
        Assert.Equal(Trusted, verdict.CheckedBy);
    }

    private static HeaderList Headers(params string[] authenticationResults)
    {
        var headers = new HeaderList();
        foreach (var value in authenticationResults)
        {
            headers.Add(new Header(HeaderId.AuthenticationResults, value));
        }

        headers.Add(HeaderId.From, $"Northwind Bank <{From}>");
        return headers;
    }
}
