using System.Text;

namespace WebMail.Mail.Model;

/// <summary>
/// The names servers and clients give special folders when the server does not mark them (no SPECIAL-USE:
/// Courier, UW imapd, older Cyrus, Exchange's IMAP in some setups): English, the products' own names and common
/// languages. Earlier names win when a mailbox has several (Sent before Sent Items).
/// </summary>
public static class SpecialFolderNames
{
    private static readonly (FolderRole Role, string[] Names)[] Table =
    [
        (FolderRole.Sent, ["Sent", "Sent Items", "Sent Messages", "Sent Mail", "Sent-Mail", "Gesendet", "Gesendete Elemente", "Gesendete Objekte",
            "Envoyés", "Messages envoyés", "Éléments envoyés", "Enviados", "Elementos enviados", "Inviati", "Posta inviata", "Verzonden",
            "Verzonden items", "Skickat", "Skickade objekt", "Sendt", "Sendte elementer", "Lähetetyt", "Wysłane", "Odeslané", "Отправленные"]),
        (FolderRole.Drafts, ["Drafts", "Draft", "Entwürfe", "Brouillons", "Borradores", "Bozze", "Concepten", "Utkast", "Kladder",
            "Luonnokset", "Kopie robocze", "Koncepty", "Черновики"]),
        (FolderRole.Trash, ["Trash", "Deleted Items", "Deleted Messages", "Deleted", "Bin", "Papierkorb", "Gelöschte Elemente", "Gelöschte Objekte",
            "Corbeille", "Éléments supprimés", "Papelera", "Elementos eliminados", "Cestino", "Posta eliminata", "Prullenbak",
            "Verwijderde items", "Papperskorgen", "Borttagna objekt", "Papirkurv", "Slettede elementer", "Roskakori", "Kosz", "Koš", "Корзина"]),
        (FolderRole.Junk, ["Junk", "Spam", "Junk E-mail", "Junk Email", "Junk Mail", "Bulk Mail", "Junk-E-Mail", "Unerwünscht", "Courrier indésirable",
            "Indésirables", "Correo no deseado", "Posta indesiderata", "Ongewenste e-mail", "Skräppost", "Uønsket e-post", "Roskaposti",
            "Wiadomości-śmieci", "Nevyžádaná pošta", "Спам"]),
        (FolderRole.Archive, ["Archive", "Archives", "Archiv", "Archivo", "Archivio", "Archief", "Arkiv", "Arkisto", "Archiwum", "Архив"]),
    ];

    private static readonly Dictionary<string, (FolderRole Role, int Rank)> ByName = Build();

    /// <summary>The role a folder of this name usually has, and how strongly (lower ranks win), or <see cref="FolderRole.None"/>.</summary>
    public static (FolderRole Role, int Rank) Match(string name) =>
        ByName.TryGetValue(Normalize(name), out var match) ? match : (FolderRole.None, int.MaxValue);

    /// <summary>The role a folder of this name usually has, or <see cref="FolderRole.None"/>.</summary>
    public static FolderRole RoleOf(string name) => Match(name).Role;

    private static Dictionary<string, (FolderRole, int)> Build()
    {
        var map = new Dictionary<string, (FolderRole, int)>(StringComparer.Ordinal);
        foreach (var (role, names) in Table)
        {
            for (var i = 0; i < names.Length; i++)
            {
                map.TryAdd(Normalize(names[i]), (role, i));
            }
        }

        return map;
    }

    // Case, Unicode composition and stray spaces or underscores do not matter ("sent_items", "SENT ITEMS", "Entwu\u0308rfe").
    private static string Normalize(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormC).Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
