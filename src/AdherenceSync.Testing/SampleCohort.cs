using System.Globalization;

namespace AdherenceSync.Testing;

/// <summary>
/// Generates a realistic cohort of adherence exceptions: agents spread over queues, a few exceptions each.
/// </summary>
public static class SampleCohort
{
    /// <summary>
    /// Generates rows, deterministic for a given seed, and registers each agent's queue with <paramref name="simulatorOptions"/>.
    /// </summary>
    /// <param name="rows">How many rows.</param>
    /// <param name="queues">Over how many queues.</param>
    /// <param name="simulatorOptions">Options whose <see cref="WfmSimulatorOptions.AgentQueues"/> learn the agents; optional.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The rows, interleaved across queues as an export would list them.</returns>
    public static IReadOnlyList<AdherenceRow> Generate(int rows, int queues, WfmSimulatorOptions? simulatorOptions = null, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(queues, 1);

        var random = new Random(seed);
        var day = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        var agentsPerQueue = Math.Max(1, (int)Math.Ceiling(rows / (double)queues / 3));
        var result = new List<AdherenceRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            var queue = $"queue-{(i % queues) + 1:D2}";
            var agent = $"agent-{(i % queues) + 1:D2}-{(i / queues) % agentsPerQueue + 1:D3}";
            simulatorOptions?.AgentQueues.TryAdd(agent, queue);
            result.Add(new AdherenceRow
            {
                AgentId = agent,
                QueueId = queue,
                StartDate = day.AddMinutes((i / queues) * 30 + random.Next(0, 20)),
                LengthMinutes = random.Next(1, 46),
                Type = "Late",
                Notes = string.Create(CultureInfo.InvariantCulture, $"Generated exception {i + 1}"),
            });
        }

        return result;
    }
}
