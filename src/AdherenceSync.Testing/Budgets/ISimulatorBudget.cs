namespace AdherenceSync.Testing.Budgets;

/// <summary>One budget the simulator enforces (a token's, an org's or a queue's). Callers hold the simulator's lock.</summary>
internal interface ISimulatorBudget
{
    /// <summary>Takes one request from the budget, or says how long until one is allowed.</summary>
    bool TryTake(DateTimeOffset now, out TimeSpan wait);

    /// <summary>The rate-limit headers that describe the budget now.</summary>
    IEnumerable<KeyValuePair<string, string>> Headers(DateTimeOffset now);

    /// <summary>The budget with a new limit, from <paramref name="now"/> on.</summary>
    ISimulatorBudget Resize(int perMinute, DateTimeOffset now);
}
