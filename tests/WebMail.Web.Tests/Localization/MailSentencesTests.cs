using System.Text.RegularExpressions;
using WebMail.Mail;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Web.Localization;

namespace WebMail.Web.Tests.Localization;

/// <summary>
/// The mail library's failures in the user's language: every kind has its German and French sentence, English pages
/// read the library's own sentence word for word, and what the server said stays as the server wrote it.
/// </summary>
public sealed partial class MailSentencesTests
{
    public static TheoryData<MailFailureKind> Kinds() => [.. Enum.GetValues<MailFailureKind>().Where(k => k != MailFailureKind.Text)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_InEnglish_IsTheLibrarysSentence(MailFailureKind kind)
    {
        using var _ = new CultureScope("en-US");
        var failure = Sample(kind);
        Assert.Equal(failure.English, MailSentences.Of(failure, CultureScope.Localizer));
        Assert.Equal(failure.English, MailSentences.Of(new MailCommandException(failure), CultureScope.Localizer));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_InGermanAndFrench_IsTranslatedAndKeepsItsValues(MailFailureKind kind)
    {
        var failure = Sample(kind);
        foreach (var culture in new[] { "de-DE", "fr-FR" })
        {
            using var _ = new CultureScope(culture);
            var text = MailSentences.Of(failure, CultureScope.Localizer);
            Assert.NotEqual(failure.English, text);
            foreach (var value in failure.Values.OfType<string>().Where(v => v.StartsWith('v')))
            {
                Assert.Contains(value, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("WebMail keeps trying", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en-GB", "The mail server did not answer within 30 seconds. WebMail keeps trying; try again in a moment.")]
    [InlineData("de-DE", "Der Mailserver hat nicht innerhalb von 30 Sekunden geantwortet. WebMail versucht es weiter; versuchen Sie es gleich noch einmal.")]
    [InlineData("fr-FR", "Le serveur de messagerie n’a pas répondu en 30 secondes. WebMail continue d’essayer ; réessayez dans un instant.")]
    public void Timeout_CarriedByTheException_SaidInTheUsersLanguage(string culture, string expected)
    {
        using var _ = new CultureScope(culture);
        Exception ex = new MailUnavailableException(MailFailure.NotAnswering(30));
        Assert.Equal(expected, MailSentences.Of(ex, CultureScope.Localizer));
    }

    [Theory]
    [InlineData("en-GB", "The mail server refused the request: [OVERQUOTA] Quota exceeded (mailbox for user is full)")]
    [InlineData("de-DE", "Der Mailserver hat die Anfrage abgelehnt: [OVERQUOTA] Quota exceeded (mailbox for user is full)")]
    [InlineData("fr-FR", "Le serveur de messagerie a refusé la demande : [OVERQUOTA] Quota exceeded (mailbox for user is full)")]
    public void ServerRefusal_FramedInTheUsersLanguage_TheServersWordsKept(string culture, string expected)
    {
        using var _ = new CultureScope(culture);
        Assert.Equal(expected, MailSentences.Of(MailFailure.Refused("[OVERQUOTA] Quota exceeded (mailbox for user is full)"), CultureScope.Localizer));
    }

    [Theory]
    [InlineData("en-GB", "The outgoing mail server's certificate has expired. Your message was not sent.", "Your password (or account) has expired on the mail server. The server said: “Password expired”")]
    [InlineData("de-DE", "Das Zertifikat des Postausgangsservers ist abgelaufen. Ihre Nachricht wurde nicht gesendet.", "Ihr Passwort (oder Konto) ist auf dem Mailserver abgelaufen. Der Server meldete: „Password expired“")]
    [InlineData("fr-FR", "Le certificat du serveur d’envoi a expiré. Votre message n’a pas été envoyé.", "Votre mot de passe (ou votre compte) a expiré sur le serveur de messagerie. Le serveur a répondu : « Password expired »")]
    public void NestedFailures_AndTheServersWordsAfterARefusal_AllInOneLanguage(string culture, string certificate, string expired)
    {
        using var _ = new CultureScope(culture);
        var l = CultureScope.Localizer;
        Assert.Equal(certificate, MailSentences.Of(MailFailure.NotSent(MailFailure.Certificate(CertificateProblem.Expired, "outgoing mail server")), l));
        Assert.Equal(expired, MailSentences.Of(MailFailure.SignInRefused(MailFailureKind.Expired, "Password expired"), l));
    }

    [Theory]
    [InlineData("en-GB", "2 of 20 messages could not be moved: the action was stopped before the end.", "The folder Inbox was changed on the server.")]
    [InlineData("de-DE", "2 von 20 Nachrichten konnten nicht verschoben werden: die Aktion wurde vor dem Ende abgebrochen.", "Der Ordner Posteingang wurde auf dem Server geändert.")]
    [InlineData("fr-FR", "2 messages sur 20 n’ont pas pu être déplacés : l’action a été arrêtée avant la fin.", "Le dossier Boîte de réception a été modifié sur le serveur.")]
    public void ReceiptReasons_InTheUsersLanguage(string culture, string stopped, string changed)
    {
        using var _ = new CultureScope(culture);
        var l = CultureScope.Localizer;
        Assert.Equal(stopped, ReceiptSentences.Of(new ReceiptFailure(2, 20, ReceiptVerb.Moved, MailFailureKind.Stopped), l));
        Assert.Equal(changed, MailSentences.Of(MailFailure.FolderChanged("INBOX"), l));
    }

    [Theory]
    [InlineData("en-GB", "This address is not valid: friend@. Add at least one recipient.", "\"size:\" is not a search operator. Use from:, to:; or put the text in quotes to search for it as it is.")]
    [InlineData("de-DE", "Diese Adresse ist ungültig: friend@. Fügen Sie mindestens einen Empfänger hinzu.", "„size:“ ist kein Suchoperator. Verwenden Sie from:, to:; oder setzen Sie den Text in Anführungszeichen, um genau danach zu suchen.")]
    public void DraftAndSearchProblems_InTheUsersLanguage(string culture, string draft, string search)
    {
        using var _ = new CultureScope(culture);
        var l = CultureScope.Localizer;
        Assert.Equal(draft, MailSentences.Of(new WebMail.Mail.Compose.DraftValidationException(MailFailure.Several([MailFailure.Of(MailFailureKind.AddressInvalid, "friend@"), MailFailureKind.NoRecipient])), l));
        Assert.Equal(search, MailSentences.Of(new WebMail.Mail.Search.SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchUnknownOperator, "size", "from:, to:")), l));
    }

    [Fact]
    public void OtherErrors_AndServerText_ShownAsTheyAre()
    {
        using var _ = new CultureScope("de-DE");
        Assert.Equal("plain words", MailSentences.Of(new InvalidOperationException("plain words"), CultureScope.Localizer));
        Assert.Equal("NO [TRYCREATE] Nowhere", MailSentences.Of(MailFailure.Text("NO [TRYCREATE] Nowhere"), CultureScope.Localizer));
        Assert.Equal("", MailSentences.Of(MailFailure.Text(""), CultureScope.Localizer));
    }

    [Fact]
    public void TheAppsOwnWords_HandedToTheLibrary_ComeBackTranslated()
    {
        using var _ = new CultureScope("fr-FR");
        var ex = new MailUnavailableException(WebMail.Web.Account.OidcTokenRefresher.ExpiredWhileUnreachableSentence);
        Assert.Equal("Votre fournisseur d’identité est injoignable pour renouveler votre accès au serveur de messagerie ; vous restez connecté et nous réessayons.",
            MailSentences.Of(ex, CultureScope.Localizer));
    }

    /// <summary>A failure of <paramref name="kind"/> with made-up values ("v0", "v1") where its sentence has placeholders.</summary>
    private static MailFailure Sample(MailFailureKind kind) => kind switch
    {
        MailFailureKind.Certificate => MailFailure.Certificate(CertificateProblem.SelfSigned, "filter server"),
        MailFailureKind.NoRoleFolder => MailFailure.Of(kind, FolderRole.Sent),
        MailFailureKind.NotAnswering => MailFailure.NotAnswering(12),
        MailFailureKind.ArchiveYearNotCreated => MailFailure.Of(kind, 2026),
        MailFailureKind.NotSent or MailFailureKind.NotFiled or MailFailureKind.AnswerNotFiled => MailFailure.Of(kind, (MailFailure)MailFailureKind.ConnectionLost),
        MailFailureKind.SignInCheckUnavailable or MailFailureKind.InUse => MailFailure.SignInRefused(kind, "v-server"),
        MailFailureKind.Several => MailFailure.Several([MailFailureKind.NoRecipient, MailFailure.Of(MailFailureKind.AddressInvalid, "v-address")]),
        _ => MailFailure.Of(kind, [.. Placeholder().Matches(MailFailure.Template(kind)).Select(m => (object)$"v{m.Groups[1].Value}")]),
    };

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
