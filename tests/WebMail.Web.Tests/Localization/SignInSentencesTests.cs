using WebMail.Web.Account;

namespace WebMail.Web.Tests.Localization;

/// <summary>Sign-in sentences that carry a length of time, in the user's language.</summary>
public sealed class SignInSentencesTests
{
    [Theory]
    [InlineData("en-US", "You were signed out after 12 hours without activity.", "You were signed out after 1 day 6 hours; please sign in again.")]
    [InlineData("de-DE", "Sie wurden nach 12 Stunden ohne Aktivität abgemeldet.", "Sie wurden nach 1 Tag 6 Stunden abgemeldet; bitte melden Sie sich erneut an.")]
    [InlineData("fr-FR", "Vous avez été déconnecté après 12 heures sans activité.", "Vous avez été déconnecté après 1 jour 6 heures ; veuillez vous reconnecter.")]
    public void EndedSentences_WithTheDurationInTheUsersLanguage(string culture, string idle, string lifetime)
    {
        using var _ = new CultureScope(culture);
        var options = new SignInLifetimeOptions { IdleTimeout = TimeSpan.FromHours(12), AbsoluteLifetime = TimeSpan.FromHours(30) };
        Assert.Equal(idle, SignInEndReason.Sentence(SignInEndReason.Idle, options, CultureScope.Localizer));
        Assert.Equal(lifetime, SignInEndReason.Sentence(SignInEndReason.Lifetime, options, CultureScope.Localizer));
        Assert.Null(SignInEndReason.Sentence("unknown", options, CultureScope.Localizer));
    }

    [Theory]
    [InlineData("en-US", "Too many failed sign-ins for this account from your address. Try again in 15 minutes.", "Too many failed sign-ins for this account. Try again in 1 minute.")]
    [InlineData("de-DE", "Zu viele fehlgeschlagene Anmeldungen für dieses Konto von Ihrer Adresse aus. Versuchen Sie es in 15 Minuten erneut.", "Zu viele fehlgeschlagene Anmeldungen für dieses Konto. Versuchen Sie es in 1 Minute erneut.")]
    [InlineData("fr-FR", "Trop d’échecs de connexion pour ce compte depuis votre adresse. Réessayez dans 15 minutes.", "Trop d’échecs de connexion pour ce compte. Réessayez dans 1 minute.")]
    public void ThrottleSentences_InTheUsersLanguage(string culture, string pair, string account)
    {
        using var _ = new CultureScope(culture);
        var attempt = new SignInAttempt("alice", "192.0.2.1");
        Assert.Equal(pair, attempt.Locked(TimeSpan.FromMinutes(14.5), accountWide: false).LockedSentence(CultureScope.Localizer));
        Assert.Equal(account, attempt.Locked(TimeSpan.FromSeconds(20), accountWide: true).LockedSentence(CultureScope.Localizer));
    }
}
