using WebMail.Mail.Compose;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// The user's compose settings, read when a compose window opens (so a change in another tab applies to the next one):
/// the format a new message starts in, the reply above or below the quote, and where the signature goes.
/// </summary>
public partial class ComposePage
{
    /// <summary>Where the caret goes in the body when the editor starts (a reply or forward), or null to leave the focus alone.</summary>
    private int? _caret;

    /// <summary>A new message, reply or forward: the default identity, its signature and the quote arranged as the user chose.</summary>
    private async Task<(WebMail.Mail.Compose.Draft Draft, bool Rich)> StartAsUserChoseAsync(WebMail.Mail.Compose.Draft draft)
    {
        var settings = await Settings.GetOrganizeSettingsAsync(_user);
        var identity = _identities[0];
        var reply = draft.Reply?.Kind is ReplyKind.Reply or ReplyKind.ReplyAll;
        var (text, caret) = ReplyLayout.Arrange(draft.TextBody, identity.Signature,
            writeBelowQuote: reply && settings.ReplyPosition == ReplyPosition.BelowQuote,
            signatureBelowQuote: settings.SignaturePlacement == SignaturePlacement.BelowQuote);
        _caret = draft.Reply is null ? null : caret;
        return (draft with { From = IdentitiesPage.Display(identity), TextBody = text }, settings.ComposeFormat == ComposeFormat.Html);
    }
}
