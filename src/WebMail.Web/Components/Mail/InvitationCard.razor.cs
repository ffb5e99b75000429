using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Calendar;
using WebMail.Mail.Model;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// Reads the open message's invitation (only when it has a calendar part) and answers it. Buttons are offered only
/// when one of the user's addresses is an attendee; the answer sent is kept on the message, so it shows again later.
/// </summary>
public partial class InvitationCard : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private MessageRef? _shown;
    private InvitationRead? _read;
    private IReadOnlyList<string> _own = [];
    private InvitationAttendee? _me;
    private InvitationAnswer? _answered;
    private bool _busy;
    private string? _error;
    private string? _note;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    /// <summary>The open message; nothing is shown when it has no calendar part.</summary>
    [Parameter, EditorRequired]
    public MessageView View { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (View.Calendar is null || _shown == View.Id)
        {
            return;
        }

        (_shown, _read, _me, _answered, _error, _note) = (View.Id, null, null, null, null, null);
        try
        {
            var read = await Mailbox.ReadInvitationAsync(View, _cts.Token);
            _own = read.Invitation is null ? [] : await Mailbox.GetOwnAddressesAsync();
            (_read, _answered) = (read, read.Answered);
            _me = read.Invitation is { Organizer: not null } invitation ? invitation.AttendeeFor(_own) : null;
        }
        catch (MailException ex)
        {
            _error = L["The invitation could not be read. {0}", MailSentences.Of(ex, L)];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The reader closed meanwhile.
        }
    }

    private async Task AnswerAsync(InvitationAnswer answer)
    {
        if (_read?.Invitation is not { } invitation || _me is not { } me || _busy)
        {
            return;
        }

        (_busy, _error, _note) = (true, null, null);
        try
        {
            _note = await Mailbox.AnswerInvitationAsync(View, invitation, me, answer) is { } note ? MailSentences.Of(note, L) : null;
            _answered = answer;
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
        }
        finally
        {
            _busy = false;
        }
    }

    private string Kind(Invitation invitation) => invitation switch
    {
        { Cancelled: true } => L["This event was cancelled"],
        { Method: InvitationMethod.Reply } => L["Answer to an invitation"],
        { IsUpdate: true } => L["Updated invitation"],
        { Method: InvitationMethod.Request } => L["Invitation"],
        { Method: InvitationMethod.Publish } => L["Event"],
        _ => L["Calendar message ({0})", invitation.MethodName],
    };

    private static string Person(InvitationPerson person) =>
        string.IsNullOrWhiteSpace(person.Name) ? person.Address : $"{person.Name} <{person.Address}>";

    private string Participation(InvitationAttendee attendee) => attendee.Answer switch
    {
        InvitationAnswer.Accepted => L["accepted"],
        InvitationAnswer.Tentative => L["maybe"],
        InvitationAnswer.Declined => L["declined"],
        _ => attendee.Participation.Equals("NEEDS-ACTION", StringComparison.OrdinalIgnoreCase) ? L["not answered yet"] : attendee.Participation.ToLowerInvariant(),
    };

    private string Label(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => L["Accept"],
        InvitationAnswer.Tentative => L["Tentative"],
        _ => L["Decline"],
    };

    private string YouAnswered(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => L["You accepted."],
        InvitationAnswer.Tentative => L["You said you might attend (tentative)."],
        _ => L["You declined."],
    };

    private string NotAnswerable(Invitation invitation) => invitation.Organizer is null
        ? L["This invitation names no organiser, so it cannot be answered from here."]
        : L["None of your addresses ({0}) is among the attendees, so this invitation cannot be answered from here.", string.Join(", ", _own)];

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
