using Microsoft.AspNetCore.Components;
using WebMail.Mail.Model;
using WebMail.Mail.Sieve;
using WebMail.Web.Data;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>The user's filter rules (ordered, enabled or not) kept in WebMail's Sieve script; a script WebMail did not write is shown raw.</summary>
public sealed partial class FiltersPage
{
    private RuleDraft? _editing;
    private int _editingIndex = -1;
    private LabelSet _labels = LabelSet.Empty;
    private IReadOnlyList<FolderInfo>? _folders;
    private string _raw = "";

    [Inject]
    private LabelStore Labels { get; set; } = default!;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        if (RendererInfo.IsInteractive && UserName.Length > 0)
        {
            try
            {
                _labels = await Labels.GetAsync(UserName);
            }
            catch (System.Data.Common.DbException)
            {
                // The label choice stays empty; rules still work.
            }

            try
            {
                _folders = await Mailbox.GetFoldersAsync(Closing);
            }
            catch (Exception ex) when (ex is WebMail.Mail.MailException or InvalidOperationException or TimeoutException)
            {
                // The folder is typed instead of chosen, and not checked.
            }
        }
    }

    /// <summary>Whether the server makes a missing folder on delivery ("fileinto :create", Sieve "mailbox" extension).</summary>
    private bool CanCreateFolders => State?.Capabilities.Supports("mailbox") == true;

    protected override void OnLoaded() => _raw = State?.Script ?? "";

    private IReadOnlyList<SieveRule> Rules => State?.Filters?.Rules ?? [];

    private string Summary(SieveRule rule) => string.Join(", ", rule.Actions.Select(a =>
        a.Argument.Length > 0 ? $"{RuleForm.ActionText(Text, a.Kind)} {a.Argument}" : RuleForm.ActionText(Text, a.Kind)));

    private void Edit(int index)
    {
        _editingIndex = index;
        _editing = RuleDraft.From(index < 0 ? null : Rules[index]);
        Status = null;
    }

    private async Task SaveRuleAsync()
    {
        if (!_editing!.Validate(Text, _folders?.Select(f => f.Path).ToHashSet(StringComparer.Ordinal), CanCreateFolders))
        {
            Status = null;
            Error = Text["Nothing was saved: correct the marked fields."];
            return;
        }

        var rule = _editing.ToRule();
        var rules = Rules.ToList();
        if (_editingIndex < 0)
        {
            rules.Add(rule);
        }
        else
        {
            rules[_editingIndex] = rule;
        }

        if (await SaveRulesAsync(rules, Text["Rule “{0}” saved.", rule.Name]))
        {
            _editing = null;
        }
    }

    private Task ToggleAsync(int index)
    {
        var rules = Rules.ToList();
        rules[index] = rules[index] with { Enabled = !rules[index].Enabled };
        return SaveRulesAsync(rules, rules[index].Enabled ? Text["Rule “{0}” turned on.", rules[index].Name] : Text["Rule “{0}” turned off.", rules[index].Name]);
    }

    private Task MoveAsync(int index, int by)
    {
        var rules = Rules.ToList();
        (rules[index], rules[index + by]) = (rules[index + by], rules[index]);
        return SaveRulesAsync(rules, Text["Rule “{0}” moved.", rules[index + by].Name]);
    }

    private Task DeleteAsync(int index)
    {
        var rules = Rules.ToList();
        var name = rules[index].Name;
        rules.RemoveAt(index);
        return SaveRulesAsync(rules, Text["Rule “{0}” deleted.", name]);
    }

    private Task<bool> SaveRulesAsync(List<SieveRule> rules, string done) =>
        SaveAsync(new FilterSet(rules, State!.Filters!.Vacation), done);

    private Task SaveRawAsync() => RunAsync(async () =>
    {
        var result = await Filters.SaveRawAsync(UserName, State!.ScriptName, _raw, Closing);
        Status = result.Message.Length > 0 ? Text["Script saved. The server says: {0}", result.Message] : Text["Script saved."];
    });

    private Task CheckRawAsync() => RunAsync(async () =>
    {
        var result = await Filters.CheckAsync(UserName, _raw, Closing);
        if (result.IsValid)
        {
            Status = Text["The server accepts this script."];
        }
        else
        {
            Error = Text["The server found errors: {0}", result.Message];
        }
    });

    private Task UseRuleEditorAsync() =>
        SaveAsync(FilterSet.Empty, Text["WebMail's rules are now active. Your own script is kept on the server, turned off."]);
}
