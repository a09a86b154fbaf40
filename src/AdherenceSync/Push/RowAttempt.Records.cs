using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <content>What the row's requests taught that is not a move: counts, permits, answers, retries.</content>
internal sealed partial class RowAttempt
{
    private readonly List<TimeSpan> _retryDelays = [];

    /// <summary>Gets how many job polls were sent for the row.</summary>
    public int Polls { get; private set; }

    /// <summary>Gets how many queries were sent to check the row.</summary>
    public int Queries { get; private set; }

    /// <summary>Gets when the last request was granted its permit (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long PermitAt { get; private set; }

    /// <summary>Gets the last request's number among the client budget's grants, when the lease said.</summary>
    public long? PermitGrant { get; private set; }

    /// <summary>Gets the last answer of any of the row's requests.</summary>
    public ApiAnswer? LastAnswer { get; private set; }

    /// <summary>Gets what the last of the row's own answers (writes and polls, not a query that checked it) said besides its verdict.</summary>
    public AnswerSignals? LastOwnSignals { get; private set; }

    /// <summary>Gets the last exception any of the row's requests ended with.</summary>
    public Exception? LastException { get; private set; }

    /// <summary>Gets how many retry-budget tokens this row's retries took.</summary>
    public int RetryCostTaken { get; private set; }

    /// <summary>Gets a value indicating whether a retry was refused because the retry budget was empty.</summary>
    public bool RetryBudgetExhausted { get; private set; }

    /// <summary>Gets every delay the retry strategies waited before a request of the row, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays => _retryDelays;

    /// <summary>Records the answer of a poll or a query (a write's is <see cref="WriteAnswered"/>).</summary>
    public void Heard(RequestKind kind, ApiAnswer answer, AnswerMeaning meaning)
    {
        LastAnswer = answer;
        if (kind != RequestKind.Query)
        {
            LastOwnSignals = meaning.Signals;
        }
    }

    /// <summary>Records the exception a poll or a query ended with.</summary>
    public void RequestFailed(Exception exception) => LastException = exception;

    /// <summary>A request of the row was sent: counts the polls and queries (writes count when they leave).</summary>
    public void Sent(RequestKind kind)
    {
        switch (kind)
        {
            case RequestKind.Poll:
                Polls++;
                break;
            case RequestKind.Query:
                Queries++;
                break;
        }
    }

    /// <summary>Records the permit a request was granted.</summary>
    public void Granted(long at, long? grant)
    {
        PermitAt = at;
        PermitGrant = grant;
    }

    /// <summary>Records a retry's delay.</summary>
    public void Waited(TimeSpan delay) => _retryDelays.Add(delay);

    /// <summary>Records what a retry took from the retry budget.</summary>
    public void RetryPaid(int cost) => RetryCostTaken += cost;

    /// <summary>Records that the retry budget refused a retry.</summary>
    public void RetryRefused() => RetryBudgetExhausted = true;
}
