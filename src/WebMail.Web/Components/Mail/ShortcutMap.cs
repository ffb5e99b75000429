using WebMail.Web.Resources;

namespace WebMail.Web.Components.Mail;

/// <summary>What a keyboard shortcut asks the mail view to do (Gmail's set).</summary>
public enum ShortcutCommand
{
    Open,
    BackToList,
    Reply,
    ReplyAll,
    Forward,
    Compose,
    Archive,
    Delete,
    Star,
    Select,
    MarkRead,
    MarkUnread,
    Label,
    Move,
    Search,
    GoInbox,
    GoSent,
    GoDrafts,
    Help,

    /// <summary>The next row (and, with a message open, the next message): done in the browser, never raised.</summary>
    Next,

    /// <summary>The previous row (and, with a message open, the previous message): done in the browser, never raised.</summary>
    Previous,
}

/// <summary>Where the help lists a shortcut.</summary>
public enum ShortcutGroup
{
    Navigation,
    Actions,
    GoTo,
}

/// <summary>
/// One shortcut. <paramref name="Keys"/> is what the browser's <c>KeyboardEvent.key</c> says, a space between the keys
/// of a sequence ("g i"); Shift is implied by the key itself ("I", "#", "?"), never written.
/// </summary>
public sealed record Shortcut(string Keys, ShortcutCommand Command, string Description, ShortcutGroup Group)
{
    /// <summary>The keys as the help shows them, one entry per key pressed ("Shift+I", "g then i").</summary>
    public IReadOnlyList<string> KeyLabels => [.. Keys.Split(' ').Select(Label)];

    /// <summary>Handled in the browser with no round trip (focus moves, the search box); never raised to .NET.</summary>
    public bool InBrowser => Command is ShortcutCommand.Next or ShortcutCommand.Previous or ShortcutCommand.Search;

    private static string Label(string key) => key switch
    {
        [var c] when char.IsUpper(c) => $"Shift+{c}",
        _ => key,
    };
}

/// <summary>
/// The one table of keyboard shortcuts: the browser's dispatcher (wwwroot/js/shortcuts.js) is given it and the help
/// (<see cref="ShortcutHelp"/>) lists it, so the two cannot disagree.
/// </summary>
public static class ShortcutMap
{
    /// <summary>Every shortcut, in the order the help lists them within each group.</summary>
    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new("j", ShortcutCommand.Next, Strings.Key("Next message (opens it when a message is open)"), ShortcutGroup.Navigation),
        new("k", ShortcutCommand.Previous, Strings.Key("Previous message (opens it when a message is open)"), ShortcutGroup.Navigation),
        new("o", ShortcutCommand.Open, Strings.Key("Open the message"), ShortcutGroup.Navigation),
        new("Enter", ShortcutCommand.Open, Strings.Key("Open the message"), ShortcutGroup.Navigation),
        new("u", ShortcutCommand.BackToList, Strings.Key("Back to the list"), ShortcutGroup.Navigation),
        new("/", ShortcutCommand.Search, Strings.Key("Search mail"), ShortcutGroup.Navigation),
        new("?", ShortcutCommand.Help, Strings.Key("Show these shortcuts"), ShortcutGroup.Navigation),
        new("c", ShortcutCommand.Compose, Strings.Key("New message"), ShortcutGroup.Actions),
        new("r", ShortcutCommand.Reply, Strings.Key("Reply"), ShortcutGroup.Actions),
        new("a", ShortcutCommand.ReplyAll, Strings.Key("Reply all"), ShortcutGroup.Actions),
        new("f", ShortcutCommand.Forward, Strings.Key("Forward"), ShortcutGroup.Actions),
        new("e", ShortcutCommand.Archive, Strings.Key("Archive"), ShortcutGroup.Actions),
        new("#", ShortcutCommand.Delete, Strings.Key("Delete"), ShortcutGroup.Actions),
        new("Delete", ShortcutCommand.Delete, Strings.Key("Delete"), ShortcutGroup.Actions),
        new("s", ShortcutCommand.Star, Strings.Key("Flag or unflag"), ShortcutGroup.Actions),
        new("x", ShortcutCommand.Select, Strings.Key("Select or unselect the row"), ShortcutGroup.Actions),
        new("I", ShortcutCommand.MarkRead, Strings.Key("Mark as read"), ShortcutGroup.Actions),
        new("U", ShortcutCommand.MarkUnread, Strings.Key("Mark as unread"), ShortcutGroup.Actions),
        new("l", ShortcutCommand.Label, Strings.Key("Label"), ShortcutGroup.Actions),
        new("v", ShortcutCommand.Move, Strings.Key("Move to a folder"), ShortcutGroup.Actions),
        new("g i", ShortcutCommand.GoInbox, Strings.Key("Go to the inbox"), ShortcutGroup.GoTo),
        new("g s", ShortcutCommand.GoSent, Strings.Key("Go to sent mail"), ShortcutGroup.GoTo),
        new("g d", ShortcutCommand.GoDrafts, Strings.Key("Go to drafts"), ShortcutGroup.GoTo),
    ];

    /// <summary>The command for a key or sequence ("j", "Shift+I" is "I", "g i"); null when none.</summary>
    public static ShortcutCommand? Find(string keys) => All.FirstOrDefault(s => s.Keys == keys)?.Command;

    /// <summary>The help's headings, in order.</summary>
    public static string GroupTitle(ShortcutGroup group) => group switch
    {
        ShortcutGroup.Navigation => Strings.Key("Navigation"),
        ShortcutGroup.Actions => Strings.Key("Actions"),
        ShortcutGroup.GoTo => Strings.Key("Go to"),
        _ => group.ToString(),
    };

    /// <summary>What the browser's dispatcher is given: keys → command name (its own keys need no round trip).</summary>
    internal static IReadOnlyDictionary<string, string> ForBrowser() => All.ToDictionary(s => s.Keys, s => s.Command.ToString(), StringComparer.Ordinal);
}
