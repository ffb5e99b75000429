using WebMail.Mail.Search;

namespace WebMail.Mail.Conversations;

/// <summary>What threading needs of one message: its UID, Message-ID, parents (References, else In-Reply-To), subject and date.</summary>
/// <param name="References">The References header's IDs, oldest first; when it has none, the first In-Reply-To ID.</param>
public sealed record ThreadHeaders(uint Uid, string? MessageId, IReadOnlyList<string> References, string Subject, DateTimeOffset Date);

/// <summary>
/// Our own THREAD=REFERENCES (RFC 5256 §3, Jamie Zawinski's algorithm) for servers without THREAD, reduced to what a
/// conversation list needs: which messages share a conversation. Messages are linked by References / In-Reply-To
/// (dummy containers stand in for parents not in the folder), then root-set conversations with the same base subject
/// are merged, as the server's THREAD=REFERENCES does.
/// </summary>
public static class ReferenceThreader
{
    /// <summary>The conversations of <paramref name="messages"/> as groups of UIDs (unordered).</summary>
    public static IReadOnlyList<IReadOnlyList<uint>> Group(IEnumerable<ThreadHeaders> messages)
    {
        var ids = new Dictionary<string, Container>(StringComparer.Ordinal);
        var all = new List<Container>();
        foreach (var message in messages.OrderBy(m => m.Uid))
        {
            var node = Find(ids, all, message.MessageId, fresh: true);
            node.Message = message;

            Container? parent = null;
            foreach (var reference in message.References)
            {
                var referenced = Find(ids, all, reference, fresh: false);
                if (parent is not null && referenced.Parent is null && referenced != parent && !IsAncestor(referenced, parent))
                {
                    Link(parent, referenced);
                }

                parent = referenced;
            }

            if (parent is not null && (parent == node || IsAncestor(node, parent)))
            {
                parent = null;
            }

            node.Parent?.Children.Remove(node);
            node.Parent = null;
            if (parent is not null)
            {
                Link(parent, node);
            }
        }

        var bySubject = new Dictionary<string, List<uint>>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<uint>>();
        foreach (var root in all.Where(c => c.Parent is null))
        {
            var uids = new List<uint>();
            Collect(root, uids);
            if (uids.Count == 0)
            {
                continue;
            }

            var subject = BaseSubject.Of(SubjectOf(root));
            if (subject.Length == 0)
            {
                groups.Add(uids);
            }
            else if (bySubject.TryGetValue(subject, out var group))
            {
                group.AddRange(uids);
            }
            else
            {
                bySubject[subject] = uids;
                groups.Add(uids);
            }
        }

        return groups;
    }

    private static Container Find(Dictionary<string, Container> ids, List<Container> all, string? id, bool fresh)
    {
        // A message without a Message-ID, or repeating one already taken by a message, gets a container of its own.
        if (id is { Length: > 0 } && ids.TryGetValue(id, out var found) && !(fresh && found.Message is not null))
        {
            return found;
        }

        var container = new Container();
        all.Add(container);
        if (id is { Length: > 0 } && !ids.ContainsKey(id))
        {
            ids[id] = container;
        }

        return container;
    }

    private static void Link(Container parent, Container child)
    {
        child.Parent = parent;
        parent.Children.Add(child);
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="node"/> or above it.</summary>
    private static bool IsAncestor(Container ancestor, Container node)
    {
        for (var c = node; c is not null; c = c.Parent)
        {
            if (c == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(Container container, List<uint> uids)
    {
        if (container.Message is { } message)
        {
            uids.Add(message.Uid);
        }

        foreach (var child in container.Children)
        {
            Collect(child, uids);
        }
    }

    /// <summary>A message's subject; a dummy's is its earliest message child's (RFC 5256: dummies are pruned, children sorted by date).</summary>
    private static string SubjectOf(Container root)
    {
        if (root.Message is { } message)
        {
            return message.Subject;
        }

        var children = new List<ThreadHeaders>();
        EffectiveChildren(root, children);
        return children.OrderBy(m => m.Date).ThenBy(m => m.Uid).FirstOrDefault()?.Subject ?? "";
    }

    /// <summary>The messages that end up as a dummy's children once empty containers below it are pruned.</summary>
    private static void EffectiveChildren(Container dummy, List<ThreadHeaders> into)
    {
        foreach (var child in dummy.Children)
        {
            if (child.Message is { } message)
            {
                into.Add(message);
            }
            else
            {
                EffectiveChildren(child, into);
            }
        }
    }

    private sealed class Container
    {
        public ThreadHeaders? Message { get; set; }

        public Container? Parent { get; set; }

        public List<Container> Children { get; } = [];
    }
}
