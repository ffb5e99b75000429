using Bunit;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Mail;
using WebMail.Web.Tests.Components;

namespace WebMail.Web.Tests.Localization;

/// <summary>The list, its toolbar, a row and a folder's menu rendered in German and French: no English left.</summary>
public sealed class LocalizedRenderingTests : LocalizedBunitContext
{
    private static readonly string[] EnglishWords =
        ["Sort by", "Newest first", "Unread", "Flagged", "With attachments", "Replied", "Attachment", "New subfolder", "Rename", "Delete",
         "Mark all as read", "Use as", "Actions for", "Select message", "Arrival", "Date sent", "Subject", "Filters", "Order", "Inbox", "Trash"];

    private static readonly MessageRow Row = new(new MessageRef("INBOX", 1, 7), new MailAddress("Dana", "dana@example.com"), [],
        "שלום עולם", new DateTimeOffset(2020, 5, 1, 9, 30, 0, TimeSpan.Zero), 1_572_864, Seen: false, Flagged: true, Answered: true, HasAttachments: true);

    [Theory]
    [InlineData("de-DE", new[] { "Sortieren nach", "Neueste zuerst", "Ungelesen", "Markiert", "Mit Anhängen", "Beantwortet", "Anhang", "1,5 MB", "Neuer Unterordner …", "Umbenennen …", "Löschen …", "Alle als gelesen markieren", "Posteingang" })]
    [InlineData("fr-FR", new[] { "Trier par", "Plus récents d’abord", "Non lu", "Suivi", "Avec pièces jointes", "Répondu", "Pièce jointe", "1,5 Mo", "Nouveau sous-dossier…", "Renommer…", "Supprimer…", "Tout marquer comme lu", "Boîte de réception" })]
    public void MailViewParts_ShowNoEnglish(string culture, string[] expected)
    {
        using var _ = new CultureScope(culture);
        var markup = string.Join("\n",
            Render<ListToolbar>(p => p.Add(c => c.Query, new ListQuery("INBOX"))).Markup,
            Render<MessageRowItem>(p => p.Add(c => c.Row, Row)).Markup,
            OpenMenu(new FolderInfo("Projects", "Projects", 0, FolderRole.None, 3, 1, true)),
            WebMail.Web.Localization.LocalFolderNames.Of(new FolderInfo("INBOX", "Inbox", 0, FolderRole.Inbox, 3, 0, true), CultureScope.Localizer),
            WebMail.Web.Localization.LocalFolderNames.Of(new FolderInfo("Trash", "Trash", 0, FolderRole.Trash, 0, 0, true), CultureScope.Localizer));

        foreach (var text in expected)
        {
            Assert.Contains(text, markup, StringComparison.Ordinal);
        }

        var visible = System.Text.RegularExpressions.Regex.Replace(markup, "<[^>]*>", " ");
        var attributes = string.Join(" ", System.Text.RegularExpressions.Regex.Matches(markup, "(?:aria-label|title|placeholder)=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        foreach (var english in EnglishWords)
        {
            Assert.DoesNotMatch($@"\b{System.Text.RegularExpressions.Regex.Escape(english)}\b", visible + " " + attributes);
        }
    }

    [Fact]
    public void MessageRow_SubjectAndSender_ReadInTheirOwnDirection()
    {
        var row = Render<MessageRowItem>(p => p.Add(c => c.Row, Row));
        Assert.Equal("auto", row.Find(".subject").GetAttribute("dir"));
        Assert.Equal("auto", row.Find(".from").GetAttribute("dir"));
    }

    private string OpenMenu(FolderInfo folder)
    {
        var menu = Render<FolderMenu>(p => p.Add(c => c.Folder, folder).Add(c => c.CanSetSpecialUse, true).Add(c => c.CanMarkAllRead, true).Add(c => c.CanEmpty, true));
        menu.Find("button[aria-haspopup=menu]").Click();
        return menu.Markup;
    }
}
