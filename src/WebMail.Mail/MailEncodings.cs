using System.Runtime.CompilerServices;
using System.Text;

namespace WebMail.Mail;

/// <summary>
/// Mail arrives in Shift_JIS, KOI8-R, windows-125x...: .NET only knows those once the code-page provider
/// is registered, and MimeKit caches its charset table on first use, so registration must come before
/// the first message is parsed anywhere in the process.
/// </summary>
public static class MailEncodings
{
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

#pragma warning disable CA2255 // Any host of this library parses mail; registering at load time is the only order-proof moment.
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255
}
