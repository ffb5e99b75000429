using System.Text;

namespace WebMail.Mail;

/// <summary>
/// Mail arrives in Shift_JIS, KOI8-R, windows-125x...: .NET only knows those once the code-page provider
/// is registered, and MimeKit remembers a charset it could not find, so registration must come before
/// the first message is parsed anywhere in the process.
/// </summary>
public static class MailEncodings
{
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
