using WebMail.Web.Account;
using WebMail.Web.Data;
using WebMail.Web.Mail;

namespace WebMail.Web.Cluster;

/// <summary>
/// The receiving side of the bus: what another instance tells this one goes down the same local paths as the events
/// of this instance. A push pokes the user's session if it is here; an ended sign-in signs its tabs here out and
/// closes the user's IMAP session when it was their last sign-in (SignInLifetimeService); a settings change makes the
/// user's tabs here read their settings again from the database.
/// </summary>
internal sealed class ClusterRelay(IClusterBus bus, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<PushNotificationReceiver>() is { } push)
        {
            bus.Subscribe(ClusterTopics.Push, push.OnRoutedAsync);
        }

        var store = services.GetRequiredService<SignInStore>();
        var signIns = services.GetRequiredService<SignInEvents>();
        bus.Subscribe(ClusterTopics.SignInEnded, ended =>
        {
            // A user's own sign-out (no reason) ends the tabs here too: none of them is the tab that posted it.
            var reason = ended.Reason ?? SignInEndReason.SignedOutOnOtherInstance;
            store.EndedOnOtherInstance(ended.SignInId, reason);
            return signIns.PublishHereAsync(new EndedSignIn(ended.SignInId, ended.UserName, ended.OthersLeft, IdToken: null, reason));
        });

        var settings = services.GetRequiredService<OrganizeSettingsStore>();
        bus.Subscribe(ClusterTopics.SettingsChanged, changed =>
        {
            settings.RaiseChanged(changed.User);
            return Task.CompletedTask;
        });

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
