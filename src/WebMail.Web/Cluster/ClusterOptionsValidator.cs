using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WebMail.Web.Cluster;

/// <summary>A malformed <c>WebMail:Cluster:Redis</c> stops the start with a sentence naming it (never repeating the string: it may hold a password).</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ChannelPrefix) || options.ChannelPrefix.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return ValidateOptionsResult.Fail("WebMail:Cluster:ChannelPrefix must be a word without spaces (for example webmail).");
        }

        if (!options.Clustered)
        {
            return ValidateOptionsResult.Success;
        }

        return RedisConnection.Parse(options.Redis) is null
            ? ValidateOptionsResult.Fail(
                "WebMail:Cluster:Redis is not a valid StackExchange.Redis configuration string: expected host:port, optionally followed by " +
                "options such as ,password=…,ssl=true (leave it empty for a single instance).")
            : ValidateOptionsResult.Success;
    }
}
