namespace AdherenceSync.Push;

/// <summary>What <see cref="AnswerClassifier"/> read from one exchange; everything after it switches on this, never on HTTP.</summary>
/// <param name="Verdict">What the exchange means.</param>
/// <param name="Reason">The words for the report and the logs: the server's error, or what went wrong.</param>
/// <param name="MayHaveApplied">Whether a write may have been applied though no success came back: the platform must be asked before it is written again.</param>
/// <param name="Throttled">Whether the server throttled the request (429): pacing learns from it.</param>
/// <param name="JobId">The job the platform named, if any.</param>
/// <param name="ExplanationId">The explanation the platform named, if any.</param>
internal readonly record struct AnswerMeaning(
    AnswerVerdict Verdict, string Reason, bool MayHaveApplied = false, bool Throttled = false, string? JobId = null, string? ExplanationId = null)
{
    /// <summary>Gets what the answer said besides its verdict (its status, its rate-limit words); none when the exchange failed.</summary>
    public AnswerSignals? Signals { get; init; }

    /// <summary>Gets a value indicating whether another attempt is worth making (and the push has not stopped).</summary>
    public bool IsRetryable => Verdict == AnswerVerdict.Retryable;

    /// <summary>Gets a value indicating whether the platform took the request (a 2xx): applied, a job, or a lost body.</summary>
    public bool IsAccepted => Verdict is AnswerVerdict.Applied or AnswerVerdict.Pending or AnswerVerdict.Unknown;
}
