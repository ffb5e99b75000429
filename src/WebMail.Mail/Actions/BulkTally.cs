using System.Globalization;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>One bulk action's running count: done, failed and why, the undo steps, progress, the folders touched.</summary>
internal sealed class BulkTally(int total, IProgress<BulkProgress>? progress)
{
    private readonly List<UndoStep> _steps = [];

    public int Total { get; } = total;

    /// <summary>Messages handled so far, done or failed.</summary>
    public int Handled { get; private set; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    public MailFailure? Reason { get; private set; }

    public IReadOnlyList<UndoStep> Steps => _steps;

    /// <summary>Folders whose counts the action changed (targets of moves and copies, and their sources).</summary>
    public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);

    /// <summary>The folder the user's connection had selected before the action (watched by IDLE), once known.</summary>
    public string? PreviouslySelected { get; private set; }

    /// <summary>True once a command selected another folder than <see cref="PreviouslySelected"/>.</summary>
    public bool SelectedOther { get; private set; }

    /// <summary>The folder selected before the action began; <paramref name="selectedOther"/> when finding the messages already selected others.</summary>
    public void SelectedBefore(string folder, bool selectedOther = false)
    {
        PreviouslySelected = folder;
        SelectedOther |= selectedOther;
    }

    public void Selecting(ImapContext context, string folder)
    {
        PreviouslySelected ??= context.Selected?.FullName ?? "";
        SelectedOther |= folder != PreviouslySelected;
        Touched.Add(folder);
    }

    public void Done(int size, int succeeded, UndoStep? step)
    {
        Handled += size;
        Succeeded += succeeded;
        if (step is not null)
        {
            _steps.Add(step);
        }

        Report();
    }

    public void Fail(int size, MailFailure reason)
    {
        Handled += size;
        Failed += size;
        Reason ??= reason;
        Report();
    }

    /// <summary>What is left is not done: the action stopped (cancelled, or the server is out of reach).</summary>
    public void FailRest(MailFailure reason) => Fail(Total - Handled, reason);

    /// <summary>"2 of 20 messages could not be moved: …", or null when none failed.</summary>
    public ReceiptFailure? Failure(ReceiptVerb verb) => Failed == 0 ? null : new ReceiptFailure(Failed, Total, verb, Reason ?? MailFailure.Text(""));

    private void Report() => progress?.Report(new BulkProgress(Handled, Total));
}

/// <summary>The words of receipts.</summary>
internal static class BulkText
{
    public static string Messages(int n) => n == 1 ? "1 message" : string.Create(CultureInfo.InvariantCulture, $"{n} messages");

    /// <summary>A folder as the user knows it: "Inbox" for INBOX, else its path.</summary>
    public static string Folder(string path) => path.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "Inbox" : path;
}
