using WebMail.Mail.Actions;
using WebMail.Web.Localization;

namespace WebMail.Web.Tests.Localization;

/// <summary>Action receipts and undo texts worded in the user's language, one message or many.</summary>
public sealed class ReceiptSentencesTests
{
    [Theory]
    [InlineData("en-US", "Moved 20 messages to Archive", "Moved 1 message back to Inbox", "Marked 1 message as read", "Deleted 3 messages for good")]
    [InlineData("de-DE", "20 Nachrichten nach Archive verschoben", "1 Nachricht zurück nach Posteingang verschoben", "1 Nachricht als gelesen markiert", "3 Nachrichten endgültig gelöscht")]
    [InlineData("fr-FR", "20 messages déplacés vers Archive", "1 message remis dans Boîte de réception", "1 message marqué comme lu", "3 messages supprimés définitivement")]
    public void Receipts_InTheUsersLanguage_OneOrMany(string culture, string moved, string back, string read, string purged)
    {
        using var _ = new CultureScope(culture);
        var l = CultureScope.Localizer;
        Assert.Equal(moved, ReceiptSentences.Of(new ReceiptWords(ReceiptKind.Moved, 20, "Archive"), l));
        Assert.Equal(back, ReceiptSentences.Of(new ReceiptWords(ReceiptKind.MovedBack, 1, "INBOX"), l));
        Assert.Equal(read, ReceiptSentences.Of(new ReceiptWords(ReceiptKind.MarkedRead, 1), l));
        Assert.Equal(purged, ReceiptSentences.Of(new ReceiptWords(ReceiptKind.DeletedForGood, 3), l));
    }

    [Theory]
    [InlineData("en-US", "No messages were moved. 2 of 2 messages could not be moved: NO [TRYCREATE] Nowhere", "Labelled 2 messages as work")]
    [InlineData("de-DE", "Es wurden keine Nachrichten verschoben. 2 von 2 Nachrichten konnten nicht verschoben werden: NO [TRYCREATE] Nowhere", "2 Nachrichten mit dem Label work versehen")]
    [InlineData("fr-FR", "Aucun message n’a été déplacé. 2 messages sur 2 n’ont pas pu être déplacés : NO [TRYCREATE] Nowhere", "Étiquette work ajoutée à 2 messages")]
    public void Failures_AndLabels_InTheUsersLanguage_TheServersReasonKept(string culture, string failed, string labelled)
    {
        using var _ = new CultureScope(culture);
        var l = CultureScope.Localizer;
        var undo = new UndoResult(0, 0, new ReceiptWords(ReceiptKind.NoneMoved, 0), new ReceiptFailure(2, 2, ReceiptVerb.Moved, "NO [TRYCREATE] Nowhere"));
        Assert.Equal(failed, ReceiptSentences.Of(undo, l));
        Assert.Equal(labelled, ReceiptSentences.Of(new ReceiptWords(ReceiptKind.Labelled, 2, Label: "work"), l));
    }

    [Fact]
    public void EveryKind_HasItsOwnSentence_InGermanAndFrench()
    {
        foreach (var culture in new[] { "de-DE", "fr-FR" })
        {
            using var _ = new CultureScope(culture);
            foreach (var kind in Enum.GetValues<ReceiptKind>())
            {
                foreach (var count in new[] { 1, 5 })
                {
                    var words = new ReceiptWords(kind, count, "Archive", "work", 2);
                    var text = ReceiptSentences.Of(words, CultureScope.Localizer);
                    Assert.NotEqual(words.English, text);
                }
            }
        }
    }
}
