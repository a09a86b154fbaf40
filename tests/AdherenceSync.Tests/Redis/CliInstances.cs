using System.Text.Json;
using AdherenceSync.Cli;
using AdherenceSync.Testing;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Redis;

/// <summary>
/// Several instances of a service, each a real child process running the CLI's <c>push</c>, all with the same token
/// against one simulator in this process.
/// </summary>
internal sealed class CliInstances(string directory, WfmSimulator simulator, string token)
{
    /// <summary>Writes one CSV per instance (distinct agents, <paramref name="queues"/> queues) and starts the instances.</summary>
    public async Task<IReadOnlyList<ChildCli>> StartAsync(int instances, int rowsEach, int queues, IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        var started = new List<ChildCli>();
        for (var i = 0; i < instances; i++)
        {
            var csv = Path.Combine(directory, $"instance-{i}.csv");
            var lines = Enumerable.Range(0, rowsEach).Select(r => $"i{i}-agent-{r},queue-{r % queues},2026-11-27T{8 + (r / 60):D2}:{r % 60:D2}:00Z,15,Late,");
            await File.WriteAllLinesAsync(csv, ["agentId,queueId,startDate,lengthMinutes,type,notes", .. lines], TestContext.Current.CancellationToken);
            var environment = new Dictionary<string, string>(variables) { [CliVariables.AccessToken] = token, ["CI"] = "true" };
            started.Add(ChildCli.Start(["push", "--input", csv, "--base-url", simulator.BaseAddress.ToString(), "--format", "json", .. arguments], environment, directory));
        }

        return started;
    }

    /// <summary>Waits for every instance and reads the report each printed.</summary>
    public static async Task<IReadOnlyList<(int ExitCode, JsonElement Report)>> WaitAsync(IReadOnlyList<ChildCli> instances, TimeSpan timeout)
    {
        var results = new List<(int, JsonElement)>();
        foreach (var instance in instances)
        {
            var exitCode = await instance.WaitForExitAsync(timeout);
            var output = instance.Output;
            using var json = JsonDocument.Parse(output.Trim().Length > 0 ? output : "{}");
            results.Add((exitCode, json.RootElement.Clone()));
            instance.Dispose();
        }

        return results;
    }
}
