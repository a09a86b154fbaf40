namespace AdherenceSync.Push;

/// <summary>What one finished exchange with the platform means for the row that sent it (<see cref="AnswerClassifier"/>).</summary>
internal enum AnswerVerdict
{
    /// <summary>Applied: a write's 2xx with its job reference or explanation, a poll's <c>Complete</c> job, a query's answer.</summary>
    Applied,

    /// <summary>Accepted and not finished: a write's 202 or <c>Processing</c> job, or a poll to repeat.</summary>
    Pending,

    /// <summary>Not applied, worth another attempt: 408, 429, 5xx, a transport failure, an attempt timeout, a failed sign-in.</summary>
    Retryable,

    /// <summary>Refused with the server's reason: a 4xx other than 401, 403, 408 and 429, or a job that ended in <c>Error</c>.</summary>
    Rejected,

    /// <summary>A 2xx whose body cannot say what happened: the write may or may not have been applied.</summary>
    Unknown,

    /// <summary>Not retried and not a refusal of the row: a redirect, a Retry-After past the maximum, an unexpected status or error.</summary>
    Final,

    /// <summary>A poll's 404: the platform no longer knows the job.</summary>
    Gone,

    /// <summary>The credentials were refused: nothing more can be sent, so the push halts.</summary>
    Halt,

    /// <summary>The push was cancelled or halted while the request waited or ran.</summary>
    Stopped,
}
