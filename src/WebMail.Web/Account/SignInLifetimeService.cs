using WebMail.Mail.Sessions;
using WebMail.Web.Mail;

namespace WebMail.Web.Account;

/// <summary>
/// What follows the end of a sign-in, however it ended (sign-out, "Signed-in devices", expiry, revocation): its
/// frame and inline-image tokens die, and the user's IMAP session closes when it was their last sign-in. Every
/// minute it also ends the sign-ins past their idle timeout or absolute lifetime.
/// </summary>
public sealed partial class SignInLifetimeService(
    SignInStore store, SignInEvents events, MessageFrameStore frames, ImapSessionPool pool, TimeProvider time, ILogger<SignInLifetimeService> logger)
    : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        events.SubscribeAll(OnEndedAsync);
        return base.StartAsync(cancellationToken);
    }

    private async Task OnEndedAsync(EndedSignIn ended)
    {
        frames.EndSignIn(ended.SignInId);
        if (!ended.OthersLeft)
        {
            await pool.CloseAsync(ended.UserName);
        }

        LogEnded(logger, ended.Reason ?? "signed out", ended.OthersLeft);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass over the sign-ins; a failure (database away) is logged and the next pass tries again.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.EndExpiredAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in ended ({Reason}); other sign-ins of the user left: {OthersLeft}")]
    private static partial void LogEnded(ILogger logger, string reason, bool othersLeft);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending expired sign-ins failed; trying again in a minute: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
