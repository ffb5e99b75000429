using Microsoft.Extensions.Options;
using WebMail.Mail.Signatures;

namespace WebMail.Web.Mail;

/// <summary>Wires signed-mail checking: its options (validated at start), the trusted roots (read once) and the verifier.</summary>
public static partial class SignatureSetup
{
    public static WebApplicationBuilder AddWebMailSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignatureOptions>().BindConfiguration(SignatureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SignatureOptions>, SignatureOptionsValidator>();
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignatureSetup));
            var roots = TrustedRoots.Load(services.GetRequiredService<IOptions<SignatureOptions>>().Value, path => LogNoSystemRoots(logger, path));
            LogRoots(logger, roots.Count);
            return roots;
        });
        builder.Services.AddSingleton(services => new SignatureVerifier(
            services.GetRequiredService<TrustedRoots>(),
            services.GetRequiredService<IOptions<SignatureOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SignatureVerifier>>()));
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The system's trusted roots ({Path}) are not there: S/MIME signers are trusted only through WebMail:Signatures:TrustedRootsPath.")]
    private static partial void LogNoSystemRoots(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "S/MIME signatures are checked against {Count} trusted roots.")]
    private static partial void LogRoots(ILogger logger, int count);
}
