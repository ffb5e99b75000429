using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit.Abstractions;

namespace WebMail.Web.Tests.Deploy;

/// <summary>
/// docker-compose.yml against the Compose Specification's JSON schema (always; a copy in this folder, from the
/// compose-spec project, Apache-2.0: compose-spec.LICENSE), and against the Compose tool itself where one is
/// installed (<c>docker compose</c>, else <c>docker-compose</c>; deploy/prerequisites.sh installs Debian's
/// docker-compose, which checks a file without a Docker engine).
/// </summary>
public sealed class ComposeToolTests(ITestOutputHelper output)
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Schema_ComposeSpecification_AcceptsTheFile()
    {
        var results = Schema().Evaluate(JsonSerializer.SerializeToElement(_compose.Root), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, "docker-compose.yml does not follow the Compose Specification:\n" + Describe(results));
    }

    [Fact]
    public void Schema_AMisspelledComposeKey_IsRefused()
    {
        var broken = ComposeFile.Parse("services:\n  web:\n    image: nginx\n    helthcheck:\n      test: [\"CMD\", \"true\"]\n");

        Assert.False(Schema().Evaluate(JsonSerializer.SerializeToElement(broken)).IsValid);
    }

    [Fact]
    public async Task ComposeTool_WhereInstalled_AcceptsTheFile()
    {
        string[]? command = await RunsAsync("docker", "compose", "version") ? ["docker", "compose"]
            : await RunsAsync("docker-compose", "version") ? ["docker-compose"]
            : null;
        if (command is null)
        {
            output.WriteLine("neither `docker compose` nor `docker-compose` is installed: only the schema and structure checks ran");
            return;
        }

        var (exitCode, text) = await RunAsync(command[0], [.. command[1..], "-f", _compose.Path, "config", "-q"]);

        Assert.True(exitCode == 0, $"`{string.Join(' ', command)} config` refused docker-compose.yml (exit {exitCode}):\n{text}");
    }

    private static JsonSchema Schema()
    {
        var text = File.ReadAllText(Path.Combine(ComposeFile.Load().RepositoryRoot, "tests/WebMail.Web.Tests/Deploy/compose-spec.json"));
        var node = JsonNode.Parse(text)!.AsObject();

        // Its "$schema" (http://json-schema.org/draft/2019-09/schema#) is not the draft's canonical id: say it here.
        node.Remove("$schema");
        var options = new BuildOptions { Dialect = Dialect.Draft201909, SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri($"https://webmail.test/compose-spec/{Guid.NewGuid():N}"));
    }

    private static string Describe(EvaluationResults results) => string.Join('\n', (results.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));

    private static async Task<bool> RunsAsync(string file, params string[] arguments)
    {
        try
        {
            return (await RunAsync(file, arguments)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
