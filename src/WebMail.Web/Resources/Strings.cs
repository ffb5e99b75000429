namespace WebMail.Web.Resources;

/// <summary>
/// The marker type of the app's one string table: every visible text goes through <c>IStringLocalizer&lt;Strings&gt;</c>
/// (injected as <c>L</c> in every component), keyed by its English text; <c>Strings.de.resx</c>, <c>Strings.fr.resx</c>, …
/// beside this file hold the translations. A key without a translation shows in English.
/// </summary>
public sealed class Strings
{
    /// <summary>
    /// Marks an English text that is looked up later (<c>L[text]</c> with a variable): the key test finds it here, so
    /// tables of choices and descriptions cannot be left untranslated.
    /// </summary>
    public static string Key(string english) => english;
}
