using Microsoft.Extensions.Localization;
using WebMail.Web.Localization;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// What the user's last action did, shown in one toast for the tab (circuit): "Moved 20 messages to Archive. Undo".
/// The Undo stays offered for <see cref="UndoWindow"/>; a newer action replaces the toast (its own Undo then holds).
/// Scoped: one per circuit, shared by the list, the reader and the page.
/// </summary>
public sealed class ActionFeedback(TimeProvider time, IStringLocalizer<Strings> l) : IDisposable
{
    /// <summary>How long an action can be undone from its toast.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromSeconds(10);

    private ITimer? _timer;
    private int _version;

    /// <summary>Raised when the toast changes (shown, undone, gone). Not necessarily on the circuit's thread.</summary>
    public event Action? Changed;

    /// <summary>The toast's sentence, or null when none is shown.</summary>
    public string? Message { get; private set; }

    /// <summary>True when the sentence reports a failure (shown as an alert, kept until the next action).</summary>
    public bool IsProblem { get; private set; }

    /// <summary>Reverses the action; returns the sentence saying what was restored. Null once it cannot be undone.</summary>
    public Func<Task<string>>? Undo { get; private set; }

    /// <summary>An undo is running (the button is disabled; a second press would undo twice).</summary>
    public bool Undoing { get; private set; }

    /// <summary>Shows what an action did; with <paramref name="undo"/>, offers to reverse it for <see cref="UndoWindow"/>.</summary>
    public void Show(string message, Func<Task<string>>? undo = null, bool problem = false)
    {
        var version = Interlocked.Increment(ref _version);
        Message = message;
        IsProblem = problem;
        Undo = undo;
        Undoing = false;
        _timer?.Dispose();
        // A problem stays until the next action: the user must be able to read what failed.
        _timer = problem ? null : time.CreateTimer(_ => Expire(version), null, undo is null ? UndoWindow / 2 : UndoWindow, Timeout.InfiniteTimeSpan);
        Changed?.Invoke();
    }

    /// <summary>Runs the toast's undo (once) and shows what it restored, or why it could not.</summary>
    public async Task UndoAsync()
    {
        if (Undo is not { } undo || Undoing)
        {
            return;
        }

        var version = Volatile.Read(ref _version);
        Undoing = true;
        Changed?.Invoke();
        try
        {
            var said = await undo();
            if (Volatile.Read(ref _version) == version)
            {
                Show(said);
            }
        }
        catch (WebMail.Mail.MailException ex)
        {
            if (Volatile.Read(ref _version) == version)
            {
                Show(l["The action could not be undone: {0}", MailSentences.Of(ex, l)], problem: true);
            }
        }
    }

    /// <summary>Takes the toast away (its close button, or Escape).</summary>
    public void Dismiss() => Expire(Volatile.Read(ref _version));

    private void Expire(int version)
    {
        if (Volatile.Read(ref _version) != version || Undoing)
        {
            return;
        }

        Message = null;
        Undo = null;
        IsProblem = false;
        Changed?.Invoke();
    }

    public void Dispose() => _timer?.Dispose();
}
