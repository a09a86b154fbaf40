namespace AdherenceSync.Cli.Planning;

/// <summary>One queue of a dry run: its rows and the batches they make.</summary>
internal sealed record PlannedQueue(string QueueId, int Rows, int Batches);
