using System.Text;
using AngleSharp.Dom;

namespace WebMail.Mail.Html;

/// <summary>What the policy does with an element, before any attribute is looked at.</summary>
internal enum ElementFate
{
    Keep,

    /// <summary>Removed with everything inside (<see cref="MailHtmlPolicy.DroppedWithContent"/>, foreign content).</summary>
    Drop,

    /// <summary>Replaced by its children (unknown but harmless wrappers: custom elements, o:p, form...).</summary>
    Unwrap,
}

/// <summary>
/// Tag-level policy applied to the parsed DOM before HtmlSanitizer runs: drops and unwraps
/// elements, drops comments, and merges all kept style blocks into the first one. Each parent
/// that changes gets its new child list in one operation: AngleSharp finds a child by a linear
/// scan on every single removal or insertion, so removing or unwrapping elements one by one (as
/// HtmlSanitizer does) is quadratic - 150,000 unknown sibling elements took 40 seconds.
/// </summary>
internal static class MarkupPruner
{
    public static ElementFate FateOf(IElement element)
    {
        if (element.NamespaceUri != NamespaceNames.HtmlUri || MailHtmlPolicy.DroppedWithContent.Contains(element.LocalName))
        {
            return ElementFate.Drop;
        }

        return MailHtmlPolicy.AllowedTags.Contains(element.LocalName) ? ElementFate.Keep : ElementFate.Unwrap;
    }

    public static void Prune(IElement root)
    {
        var redundantStyles = MergeStyleBlocks(root);
        var pending = new Stack<IElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var parent = pending.Pop();
            var children = parent.ChildNodes.ToArray();
            if (children.Any(child => MustChange(child, redundantStyles)))
            {
                children = Rebuild(parent, children, redundantStyles);
            }

            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement element)
                {
                    pending.Push(element);
                }
            }
        }
    }

    private static bool MustChange(INode child, HashSet<IElement> redundantStyles) =>
        child switch
        {
            IElement element => FateOf(element) != ElementFate.Keep || redundantStyles.Contains(element),
            IText => false,
            _ => true,
        };

    /// <summary>Replaces the children of a parent by the pruned list (adjacent texts merged).</summary>
    private static INode[] Rebuild(IElement parent, INode[] children, HashSet<IElement> redundantStyles)
    {
        var document = parent.Owner!;
        var kept = new List<INode>();
        var text = new StringBuilder();
        var pending = new Stack<INode>(children.Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is IText textNode)
            {
                text.Append(textNode.Data);
                continue;
            }

            if (node is not IElement element || redundantStyles.Contains(element))
            {
                continue;
            }

            switch (FateOf(element))
            {
                case ElementFate.Keep:
                    FlushText(document, text, kept);
                    kept.Add(element);
                    break;
                case ElementFate.Unwrap:
                    var inner = element.ChildNodes.ToArray();
                    element.TextContent = string.Empty;
                    for (var i = inner.Length - 1; i >= 0; i--)
                    {
                        pending.Push(inner[i]);
                    }

                    break;
            }
        }

        FlushText(document, text, kept);
        var result = kept.ToArray();
        parent.TextContent = string.Empty;
        parent.Append(result);
        return result;
    }

    private static void FlushText(IDocument document, StringBuilder text, List<INode> kept)
    {
        if (text.Length > 0)
        {
            kept.Add(document.CreateTextNode(text.ToString()));
            text.Clear();
        }
    }

    /// <summary>
    /// Newsletters carry several style blocks; hostile mails tens of thousands (each is parsed
    /// on its own downstream). Their text is joined, in document order, into the first kept one.
    /// Returns the others, to be dropped.
    /// </summary>
    private static HashSet<IElement> MergeStyleBlocks(IElement root)
    {
        var styles = root.QuerySelectorAll("style").Where(style => FateOf(style) == ElementFate.Keep && !IsInDroppedContent(style, root)).ToList();
        var redundant = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        if (styles.Count > 1)
        {
            styles[0].TextContent = string.Join("\n", styles.Select(style => style.TextContent));
            redundant.UnionWith(styles.Skip(1));
        }

        return redundant;
    }

    private static bool IsInDroppedContent(IElement element, IElement root)
    {
        for (var ancestor = element.ParentElement; ancestor is not null && ancestor != root; ancestor = ancestor.ParentElement)
        {
            if (FateOf(ancestor) == ElementFate.Drop)
            {
                return true;
            }
        }

        return false;
    }
}
