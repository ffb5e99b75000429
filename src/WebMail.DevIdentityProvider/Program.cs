using Microsoft.Extensions.Options;

namespace WebMail.DevIdentityProvider;

/// <summary>
/// Entry point. Not top-level statements: test projects reference this and WebMail.Web (whose entry point is
/// the global Program) together. A class (not static) so that it can be WebApplicationFactory's type argument.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddDevIdentityProvider();

        var app = builder.Build();
        app.MapDevIdentityProvider();

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            // A missing or wrong setting stops here with the sentences that name it, not a stack trace.
            await Console.Error.WriteLineAsync($"The dev identity provider cannot start: {string.Join(" ", ex.Failures)}");
            return 1;
        }
    }
}
