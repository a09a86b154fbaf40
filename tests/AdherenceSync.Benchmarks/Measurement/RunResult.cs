namespace AdherenceSync.Benchmarks.Measurement;

/// <summary>What one strategy did in one scenario, counted by the simulator.</summary>
internal sealed record RunResult(
    string Strategy, int Rows, TimeSpan Wall, TimeSpan LowerBound, int Requests, int Throttled, int Lost, int Duplicated, int Overlaps, int InsideRetryAfter,
    IReadOnlyList<(double Seconds, int Status)> Timeline, int NoBudgetThrottled = 0)
{
    /// <summary>Gets every request the strategy made on the token: its writes and what confirmed them.</summary>
    public int AllRequests { get; init; }

    public double Efficiency => LowerBound / Wall;

    public double ThrottledShare => Requests == 0 ? 0 : Throttled / (double)Requests;
}
