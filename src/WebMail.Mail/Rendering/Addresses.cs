using MimeKit;
using WebMail.Mail.Model;

namespace WebMail.Mail.Rendering;

/// <summary>MimeKit address lists to display records.</summary>
internal static class Addresses
{
    public static MailAddress? First(InternetAddressList? list) => All(list).FirstOrDefault();

    public static IReadOnlyList<MailAddress> All(InternetAddressList? list)
    {
        if (list is null || list.Count == 0)
        {
            return [];
        }

        return [.. list.Mailboxes.Select(m => new MailAddress(Headers.Clean(m.Name), Headers.Clean(m.Address) ?? ""))];
    }
}

/// <summary>Header text made safe to show: no control characters, a placeholder for a missing subject.</summary>
internal static class Headers
{
    public static string Subject(string? subject) => Clean(subject) is { Length: > 0 } s ? s : "(no subject)";

    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return string.Create(value.Length, value, (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                span[i] = char.IsControl(v[i]) ? ' ' : v[i];
            }
        }).Trim();
    }
}
