using System.Globalization;
using AdherenceSync.Cli.Planning;

namespace AdherenceSync.Cli.Output;

/// <summary>Writes a dry run's plan as text.</summary>
internal static class PlanWriter
{
    private const int QueuesShown = 50;

    public static async Task WriteAsync(TextWriter output, PushPlan plan)
    {
        var queueBudget = plan.QueueRequestsPerMinute is { } q ? $"{q} a minute for each queue" : "no queue budget";
        var clientBudget = plan.BudgetConfigured
            ? $"{plan.RequestsPerMinute} requests a minute for the client"
            : $"not configured (learned from the server; estimated at Genesys' documented {plan.RequestsPerMinute} requests a minute)";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Dry run of {plan.File}: nothing was sent.
            {plan.Rows} rows, {plan.Queues.Count} queues, {plan.Batches} batches of up to {plan.BatchSize} rows; one request per row.
            Budget: {clientBudget}, {queueBudget}; {plan.MaxParallelQueues} queue(s) at a time, one request in flight per queue.
            Estimated duration at that budget: at least {plan.EstimatedSeconds:F1} s (latency, throttling and retries not counted).

            Queue                             Rows  Batches
            """));
        foreach (var queue in plan.Queues.Take(QueuesShown))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{queue.QueueId,-30}  {queue.Rows,6}  {queue.Batches,7}"));
        }

        if (plan.Queues.Count > QueuesShown)
        {
            await output.WriteLineAsync($"... and {plan.Queues.Count - QueuesShown} more queues.");
        }
    }
}
