namespace AdherenceSync.Reporting;

/// <summary>How many rows ended in each <see cref="RowOutcome"/>: the one tally behind the report and the progress.</summary>
internal struct OutcomeCounts
{
    public int Succeeded;
    public int Rejected;
    public int Failed;
    public int Unknown;
    public int NotAttempted;
    public int Invalid;

    public readonly int Total => Succeeded + Rejected + Failed + Unknown + NotAttempted + Invalid;

    public void Add(RowOutcome outcome)
    {
        switch (outcome)
        {
            case RowOutcome.Succeeded:
                Succeeded++;
                break;
            case RowOutcome.Rejected:
                Rejected++;
                break;
            case RowOutcome.Failed:
                Failed++;
                break;
            case RowOutcome.Unknown:
                Unknown++;
                break;
            case RowOutcome.Invalid:
                Invalid++;
                break;
            default:
                NotAttempted++;
                break;
        }
    }

    /// <summary>A progress snapshot of these counts.</summary>
    /// <param name="total">The input rows (a streamed push: those read so far).</param>
    /// <param name="elapsed">The time since the push started.</param>
    public readonly PushProgress Progress(int total, TimeSpan elapsed)
        => new(total, Succeeded, Rejected, Failed, NotAttempted, elapsed, Unknown) { Invalid = Invalid };
}
