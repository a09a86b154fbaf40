using System.Diagnostics;
using System.Text.Json;
using AdherenceSync.Cli;
using AdherenceSync.Testing;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Several instances of a service, each a real child process running the CLI's <c>push</c>, all with the same token
/// against one simulator in this process.
/// </summary>
internal sealed class CliInstances(string directory, WfmSimulator simulator, string token)
{
    /// <summary>Writes one CSV per instance (distinct agents, <paramref name="queues"/> queues) and starts the instances.</summary>
    public async Task<IReadOnlyList<Process>> StartAsync(int instances, int rowsEach, int queues, IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        var started = new List<Process>();
        for (var i = 0; i < instances; i++)
        {
            var csv = Path.Combine(directory, $"instance-{i}.csv");
            var lines = Enumerable.Range(0, rowsEach).Select(r => $"i{i}-agent-{r},queue-{r % queues},2026-11-27T{8 + (r / 60):D2}:{r % 60:D2}:00Z,15,Late,");
            await File.WriteAllLinesAsync(csv, ["agentId,queueId,startDate,lengthMinutes,type,notes", .. lines], TestContext.Current.CancellationToken);
            started.Add(Start(["push", "--input", csv, "--base-url", simulator.BaseAddress.ToString(), "--format", "json", .. arguments], variables));
        }

        return started;
    }

    /// <summary>Waits for every instance and reads the report each printed.</summary>
    public static async Task<IReadOnlyList<(int ExitCode, JsonElement Report)>> WaitAsync(IReadOnlyList<Process> instances, TimeSpan timeout)
    {
        var results = new List<(int, JsonElement)>();
        foreach (var process in instances)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
            var text = await output;
            using var json = JsonDocument.Parse(text.Length > 0 ? text : "{}");
            results.Add((process.ExitCode, json.RootElement.Clone()));
            process.Dispose();
        }

        return results;
    }

    private Process Start(string[] args, IReadOnlyDictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CliVariables.AccessToken] = token;
        start.Environment["CI"] = "true";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
