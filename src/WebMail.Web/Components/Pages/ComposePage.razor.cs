using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using WebMail.Mail;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Writing a message: new, reply, reply all, forward, or a saved draft continued. The browser owns the body
/// (ComposePage.Editor.cs); the server keeps a copy (<see cref="ComposeSession"/>) that it checks before every
/// save and send. Each compose session has an id, written into its draft and into the address
/// (<c>compose?id=…</c>), so a reload or an app restart reopens the draft (ComposePage.Drafts.cs). Sending
/// waits a few seconds for "Undo" and reports what happened (ComposePage.Sending.cs).
/// </summary>
public partial class ComposePage
{
    private ComposeSession? _session;
    private IReadOnlyList<IdentityRecord> _identities = [];
    private string _user = "";
    private string? _error, _status, _notice;
    private int? _upload;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<ComposeOptions> Options { get; set; } = default!;

    [Inject]
    private IdentityStore Identities { get; set; } = default!;

    [Inject]
    private OrganizeSettingsStore Settings { get; set; } = default!;

    [Inject]
    private SenderPolicy Senders { get; set; } = default!;

    [Inject]
    private ComposeRegistry Registry { get; set; } = default!;

    [Inject]
    private ComposeDrafts Drafts { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ComposePage> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "id")]
    private string? ComposeIdText { get; set; }

    [SupplyParameterFromQuery(Name = "reply")]
    private string? ReplyToken { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    private string? KindName { get; set; }

    [SupplyParameterFromQuery(Name = "draft")]
    private string? DraftToken { get; set; }

    /// <summary>The server copy, for markup that only renders once it exists.</summary>
    private ComposeSession Session => _session!;

    private long MaxAttachmentBytes => Options.Value.MaxAttachmentBytes;

    private static string InboxHref => $"mail/{FolderToken.Encode("INBOX")}";

    private string Heading => _session?.Reply?.Kind switch
    {
        ReplyKind.Reply or ReplyKind.ReplyAll => L["Reply"],
        ReplyKind.Forward or ReplyKind.ForwardAsAttachment => L["Forward"],
        _ => L["New message"],
    };

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var temp = ComposeRegistry.NewTempDirectory();
        try
        {
            _user = await Mailbox.GetUserNameAsync();
            // Only identities the user may send as are offered (an alias the administrator withdrew is left out;
            // if it was the default, the account's own address leads instead).
            _identities = [.. (await Identities.ListAsync(_user)).Where(i => Senders.Allows(_user, i.Address))];
            if (!_identities.Any(i => i.IsDefault))
            {
                _identities = [.. _identities.OrderByDescending(i => string.Equals(i.Address, _user, StringComparison.OrdinalIgnoreCase))];
            }

            var (draft, composeId) = await OpenDraftAsync(temp);
            var rich = draft.HtmlBody is not null;
            if (draft.SavedAs is null)
            {
                (draft, rich) = await StartAsUserChoseAsync(draft);
            }

            draft = OfferedSender(draft);

            _session = await Registry.OpenAsync(_user, composeId, temp);
            _session.Load(draft, rich, draft.HtmlBody ?? AsHtml(draft.TextBody));
            StartAutosave();
            _initEditor = _restoreLocalCopy = true;
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
            ComposeRegistry.DeleteTemp(temp);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await FocusErrorIfAskedAsync();
        if (_session is null)
        {
            return;
        }

        if (!_addressShowsId)
        {
            _addressShowsId = true;
            ShowIdInAddress();
        }

        await StartEditorAsync();
    }

    /// <summary>
    /// The draft this page continues: the newest one saved for the compose id in the address (a reload or an
    /// app restart), else the saved draft, the reply or forward, or a new message the address asks for.
    /// </summary>
    private async Task<(Draft Draft, Guid Id)> OpenDraftAsync(string temp)
    {
        if (Guid.TryParse(ComposeIdText, out var id) && await Drafts.OpenLatestAsync(_user, id, temp) is { } restored)
        {
            _notice = restored.SavedAt is { } at ? L["Restored your draft saved at {0}.", UserTime.TimeOfDay(at)] : L["Restored your saved draft."];
            return (restored, id);
        }

        if (MessageRef.TryParse(DraftToken, out var token))
        {
            var draft = await Mailbox.OpenDraftAsync(token, temp);

            // Keep the draft's compose id, unless another open tab is writing it already.
            var reuse = draft.ComposeId is { } own && (own == id || Registry.Find(_user, own) is null);
            return (draft, id != Guid.Empty ? id : reuse ? draft.ComposeId!.Value : Guid.NewGuid());
        }

        id = id == Guid.Empty ? Guid.NewGuid() : id;
        return MessageRef.TryParse(ReplyToken, out var original)
            ? (await Mailbox.CreateReplyAsync(original, Enum.TryParse<ReplyKind>(KindName, out var kind) ? kind : ReplyKind.Reply, temp, ReplyWordings.Of(L, UserTime)), id)
            : (await Mailbox.NewDraftAsync(), id);
    }

    /// <summary>
    /// <c>compose?id=…</c> in the address (no reload), so reloading, or coming back after an app restart, finds
    /// this draft. Until the first save, the address still says what to open if no draft is found yet.
    /// </summary>
    private void ShowIdInAddress()
    {
        var saved = _session!.SavedAs is not null;
        var uri = Navigation.GetUriWithQueryParameters(Navigation.ToAbsoluteUri("compose").AbsoluteUri, new Dictionary<string, object?>
        {
            ["id"] = _session.Id.ToString("D"),
            ["draft"] = saved ? null : DraftToken,
            ["reply"] = saved ? null : ReplyToken,
            ["kind"] = saved ? null : KindName,
        });
        if (uri != Navigation.Uri)
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    /// <summary>
    /// The draft's From, as the list offers it: a saved draft's own wording is added to the list when the user may
    /// still send as its address; otherwise the draft is moved to the default identity and the user is told.
    /// </summary>
    private Draft OfferedSender(Draft draft)
    {
        if (_identities.Any(i => IdentitiesPage.Display(i) == draft.From))
        {
            return draft;
        }

        if (AddressParser.Parse(draft.From).Valid is [var from] && Senders.Allows(_user, from.Address))
        {
            _identities = [.. _identities, new IdentityRecord { Address = draft.From }];
            return draft;
        }

        var identity = IdentitiesPage.Display(_identities[0]);
        _notice = $"{_notice} {L["This draft was from {0}, which you may no longer send as; it is now from {1}.", draft.From, identity]}".TrimStart();
        return draft with { From = identity };
    }

    private static string AsHtml(string text) => $"<div style=\"white-space:pre-wrap\">{PlainTextFormatter.ToHtml(text)}</div>";

    private async Task AttachAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        foreach (var file in e.GetMultipleFiles(20))
        {
            var name = FileNames.Safe(file.Name, "attachment");
            if (file.Size > MaxAttachmentBytes)
            {
                _error = L["{0} is {1}, larger than the {2} limit; it was not attached.", name, Sizes.Format(file.Size, L), Sizes.Format(MaxAttachmentBytes, L)];
                continue;
            }

            if (file.Size == 0)
            {
                _error = L["{0} is empty; it was not attached.", name];
                continue;
            }

            Directory.CreateDirectory(Session.TempDirectory);
            var path = Path.Combine(Session.TempDirectory, Guid.NewGuid().ToString("N"));
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(MaxAttachmentBytes))
            {
                var buffer = new byte[81920];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    _upload = (int)(copied * 100 / file.Size);
                    StateHasChanged();
                }
            }

            Session.AddAttachment(new DraftAttachment(name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, path, file.Size));
            _upload = null;
            Changed();
        }
    }

    private void Remove(DraftAttachment attachment)
    {
        Session.RemoveAttachment(attachment);
        File.Delete(attachment.TempPath);
        Changed();
    }
}
