using AngleSharp.Dom;

namespace WebMail.Mail.Html;

/// <summary>
/// Checks the sanitized output as the browser will see it (after a fresh parse): only allowed
/// HTML elements and attributes, URLs this call approved, CSS in canonical filtered form, no
/// comments or other node kinds. A parse that differs from ours (mutation XSS) fails the check.
/// </summary>
internal static class MailHtmlVerifier
{
    public static bool IsClean(IElement root, SanitizeContext context)
    {
        var pending = new Stack<INode>();
        PushChildren(root, pending);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case IText:
                    continue;
                case IElement element when MailElementPolicy.IsClean(element, context):
                    PushChildren(element, pending);
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static void PushChildren(INode node, Stack<INode> pending)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            pending.Push(children[i]);
        }
    }
}
