using System.Runtime.CompilerServices;

namespace WebMail.Web.Tests;

/// <summary>Tests build and parse mail with MimeKit directly; register the code-page encodings before any of it.</summary>
internal static class EncodingsInitializer
{
#pragma warning disable CA2255 // The test assembly is the host here: the earliest moment is when it loads.
    [ModuleInitializer]
    internal static void Register() => WebMail.Mail.MailEncodings.Register();
#pragma warning restore CA2255
}
