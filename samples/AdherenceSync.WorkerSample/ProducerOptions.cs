namespace AdherenceSync.WorkerSample;

/// <summary>How many sample sets the producer writes. A real service would read its sets from a queue or a database.</summary>
internal sealed class ProducerOptions
{
    public int Sets { get; set; } = 3;

    public int RowsPerSet { get; set; } = 40;

    public int QueuesPerSet { get; set; } = 4;
}
