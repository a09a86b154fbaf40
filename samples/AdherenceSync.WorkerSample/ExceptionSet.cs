namespace AdherenceSync.WorkerSample;

/// <summary>A set of adherence exceptions to record together, e.g. one import from a WFM export or one shift's corrections.</summary>
internal sealed record ExceptionSet(string Name, IReadOnlyList<AdherenceRow> Rows);
