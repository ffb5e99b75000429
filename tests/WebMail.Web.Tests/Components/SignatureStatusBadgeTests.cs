using Bunit;
using Microsoft.AspNetCore.Components.Web;
using WebMail.Mail.Signatures;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class SignatureStatusBadgeTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static readonly SignerCertificate Alice = new(
        "CN=alice, O=Example", "CN=Example Root CA, O=Example", ["alice@example.com"],
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");

    // The dates are written in British English here (other cultures: Localization/FormattingTests).
    public SignatureStatusBadgeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
    }

    [Fact]
    public void Render_Valid_SignedByTheSignersAddressAsStatus()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.Valid) { Certificate = Alice, SignerEmail = "alice@example.com" });

        var badge = cut.Find(".signature-badge");
        Assert.Equal("status", badge.GetAttribute("role"));
        Assert.Equal("Signed by alice@example.com", cut.Find(".signature-headline").TextContent);
        Assert.Empty(cut.FindAll(".signature-detail"));
    }

    [Fact]
    public void Render_Invalid_AlertSaysTheMessageWasChanged()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.Invalid, "The message was changed after it was signed.") { Certificate = Alice });

        var badge = cut.Find(".signature-badge");
        Assert.Equal("alert", badge.GetAttribute("role"));
        Assert.Contains("signature-invalid", badge.ClassList);
        Assert.Equal("Signature invalid: the message was changed after it was signed", cut.Find(".signature-headline").TextContent);
    }

    [Theory]
    [InlineData(UntrustedReason.SelfSigned, "Its certificate is self-signed: anyone can make one.")]
    [InlineData(UntrustedReason.UntrustedIssuer, "Its certificate was not issued by an authority this server trusts.")]
    [InlineData(UntrustedReason.EmailMismatch, "Its certificate was issued to alice@example.com, not to the sender's address.")]
    [InlineData(UntrustedReason.NotValidWhenSigned, "Its certificate was not valid when the message was signed.")]
    public void Render_UnknownSigner_SaysWhyNotTrusted(UntrustedReason reason, string why)
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.UnknownSigner) { Certificate = Alice, UntrustedBecause = reason });

        Assert.Equal("Signed, but the signer is not trusted", cut.Find(".signature-headline").TextContent);
        Assert.Equal(why, cut.Find(".signature-detail").TextContent);
        Assert.Equal("status", cut.Find(".signature-badge").GetAttribute("role"));
    }

    [Fact]
    public void Render_ValidWithExpiredCertificate_ExpiryNoted()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.Valid) { Certificate = Alice, SignerEmail = "alice@example.com", CertificateExpired = true });

        Assert.Equal("Signed by alice@example.com", cut.Find(".signature-headline").TextContent);
        Assert.Equal("The certificate expired on 1 Jan 2027.", cut.Find(".signature-detail").TextContent);
    }

    [Fact]
    public void Render_Pgp_NotVerifiedWithKeyIdAndNoCertificateButton()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.OpenPgp, SignatureVerdict.NotVerified) { PgpKeyId = "E71A75956CAEAC07", PgpFingerprint = "FC9F 262F D4F7 6611 3F8F C905 E71A 7595 6CAE AC07" });

        Assert.Equal("Signed with PGP (not verified)", cut.Find(".signature-headline").TextContent);
        Assert.Equal("Key ID E71A75956CAEAC07, fingerprint FC9F 262F D4F7 6611 3F8F C905 E71A 7595 6CAE AC07.", cut.Find(".signature-detail").TextContent);
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void Render_TooLarge_SaysSoWithoutCertificate()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.TooLarge));

        Assert.Equal("Signed, but too large to verify", cut.Find(".signature-headline").TextContent);
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void ViewCertificate_Clicked_ModalDialogWithDetailsClosedByEscape()
    {
        var cut = Badge(new SignatureStatus(SignatureKind.Smime, SignatureVerdict.UnknownSigner) { Certificate = Alice, UntrustedBecause = UntrustedReason.SelfSigned, CertificateExpired = true });

        cut.Find("button:contains('View certificate')").Click();

        var dialog = cut.Find("[role=dialog]");
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Signer's certificate", cut.Find($"#{dialog.GetAttribute("aria-labelledby")}").TextContent);
        var details = dialog.QuerySelectorAll("dt").Zip(dialog.QuerySelectorAll("dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToDictionary();
        Assert.Equal("CN=alice, O=Example", details["Issued to"]);
        Assert.Equal("alice@example.com", details["Email"]);
        Assert.Equal("CN=Example Root CA, O=Example", details["Issued by"]);
        Assert.Equal("1 Jan 2026 00:00 UTC", details["Valid from"]);
        Assert.Equal("1 Jan 2027 00:00 UTC (expired)", details["Valid until"]);
        Assert.Equal(Alice.Sha256Fingerprint, details["SHA-256 fingerprint"]);

        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Single(cut.FindAll("button:contains('View certificate')"));
    }

    private IRenderedComponent<SignatureStatusBadge> Badge(SignatureStatus status) =>
        Render<SignatureStatusBadge>(p => p.Add(c => c.Status, status));
}
