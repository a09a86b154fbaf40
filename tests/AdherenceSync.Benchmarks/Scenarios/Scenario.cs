namespace AdherenceSync.Benchmarks.Scenarios;

/// <summary>
/// One server behaviour to push against: its real budget, what the user was told the budget is, and the rows.
/// </summary>
/// <param name="Name">A short name for tables and files.</param>
/// <param name="Description">What the scenario models.</param>
/// <param name="ServerRequestsPerMinute">The server's real budget (a token bucket holding one second of it).</param>
/// <param name="DocumentedRequestsPerMinute">The budget the user believes and configures.</param>
/// <param name="QueueRequestsPerMinute">A hidden per-queue limit, or null.</param>
/// <param name="Headers">Whether answers carry rate-limit headers.</param>
/// <param name="Rows">How many rows.</param>
/// <param name="Queues">Over how many queues.</param>
internal sealed record Scenario(
    string Name, string Description, int ServerRequestsPerMinute, int DocumentedRequestsPerMinute, int? QueueRequestsPerMinute, bool Headers, int Rows, int Queues)
{
    public double ServerPerSecond => ServerRequestsPerMinute / 60d;

    public double ServerBurst => Math.Max(1, Math.Floor(ServerPerSecond));

    public double? QueuePerSecond => QueueRequestsPerMinute / 60d;

    public double QueueBurst => QueuePerSecond is { } q ? Math.Max(1, Math.Floor(q)) : 0;
}
