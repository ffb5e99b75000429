using Microsoft.Extensions.Options;

namespace WebMail.Web.Hosting;

/// <summary>Turns a configuration error at start into the sentence an operator needs.</summary>
public static class StartupFailure
{
    /// <summary>The sentence naming the setting, or null when the exception is not a configuration error.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),

        // The binder's own message names the key and the value ("Failed to convert configuration value
        // 'x' at 'WebMail:Smtp:Security' to type ...").
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => message.Replace("Failed to convert", "Cannot read", StringComparison.Ordinal),
        AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
