using System.Diagnostics;
using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <summary>
/// One row's way through its push, as a state machine: its <see cref="Stage"/>, moved only by the methods below (one per
/// move, each checked against <see cref="RowStageRules"/>; an illegal move throws in debug builds), and what its requests
/// taught along the way (writes, polls, queries, the last answer and error). <see cref="End"/> gives its one outcome.
/// </summary>
internal sealed class RowAttempt
{
    private readonly List<TimeSpan> _retryDelays = [];

    private RowAttempt(int index, AdherenceRow row, PushRun run)
    {
        Index = index;
        Row = row;
        Run = run;
    }

    public int Index { get; }

    public AdherenceRow Row { get; }

    public PushRun Run { get; }

    /// <summary>Gets the write's path.</summary>
    public string Path { get; private init; } = string.Empty;

    /// <summary>Gets the write's body.</summary>
    public ReadOnlyMemory<byte> Body { get; private init; }

    /// <summary>
    /// Gets the query this row sends instead of its own, when it carries a lookup for many rows (a business unit's or an
    /// agent's explanations over a span): the path and the body.
    /// </summary>
    public (string Path, ExplanationQuery Body)? Lookup { get; private init; }

    /// <summary>Gets where the row stands.</summary>
    public RowStage Stage { get; private set; }

    /// <summary>Gets a value indicating whether the last write may have been applied: the platform is asked before it is written again.</summary>
    public bool InDoubt => Stage == RowStage.InDoubt;

    /// <summary>
    /// Gets a value indicating whether the last write left and no answer came back (on the wire, or lost there): only
    /// then may a failed write have landed.
    /// </summary>
    public bool Unanswered { get; private set; }

    /// <summary>Gets how many writes may have reached the platform: handed to the HTTP stack, and not stopped there by a failure to sign in.</summary>
    public int Writes { get; private set; }

    /// <summary>Gets how many job polls were sent for the row.</summary>
    public int Polls { get; private set; }

    /// <summary>Gets how many queries were sent to check the row.</summary>
    public int Queries { get; private set; }

    /// <summary>Gets what the last check of the platform said, until a write follows it.</summary>
    public CheckResult? LastCheck { get; private set; }

    /// <summary>Gets the last error of a write, kept when later requests are queries.</summary>
    public string? LastWriteError { get; private set; }

    /// <summary>Gets when the last request was granted its permit (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long PermitAt { get; private set; }

    /// <summary>Gets the last request's number among the client budget's grants, when the lease said.</summary>
    public long? PermitGrant { get; private set; }

    /// <summary>Gets the last answer of any of the row's requests.</summary>
    public ApiAnswer? LastAnswer { get; private set; }

    /// <summary>Gets the last status of the row's own requests (writes and polls), not of a query that checked it.</summary>
    public int? LastOwnStatus { get; private set; }

    /// <summary>Gets the last exception any of the row's requests ended with.</summary>
    public Exception? LastException { get; private set; }

    /// <summary>Gets how many retry-budget tokens this row's retries took.</summary>
    public int RetryCostTaken { get; private set; }

    /// <summary>Gets a value indicating whether a retry was refused because the retry budget was empty.</summary>
    public bool RetryBudgetExhausted { get; private set; }

    /// <summary>Gets every delay the retry strategies waited before a request of the row, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays => _retryDelays;

    /// <summary>A row to write; one that an earlier run started and did not see through starts in doubt.</summary>
    public static RowAttempt Plan(int index, AdherenceRow row, PushRun run, bool startedEarlier = false) => new(index, row, run)
    {
        Path = GenesysPaths.Explanations(row.AgentId),
        Body = row.ToRequestBody().ToUtf8Json(),
        Stage = startedEarlier ? RowStage.InDoubt : RowStage.Planned,
        LastWriteError = startedEarlier ? "an earlier run was interrupted after it started this row" : null,
    };

    /// <summary>A row that carries a lookup of many rows' explanations: it sends that query, and nothing of its own.</summary>
    public static RowAttempt Carrying(int index, AdherenceRow row, PushRun run, string path, ExplanationQuery query)
        => new(index, row, run) { Path = path, Lookup = (path, query) };

    /// <summary>Planned or not applied → Writing: a write is handed to the HTTP stack.</summary>
    public void BeginWrite()
    {
        Move(RowStage.Writing);
        LastCheck = null;
        Unanswered = true;
    }

    /// <summary>Writing → back where it was: signing in failed inside the token handler, so the write never left.</summary>
    public void WriteNotSent()
    {
        Move(Writes == 0 ? RowStage.Planned : RowStage.NotApplied);
        Unanswered = false;
    }

    /// <summary>The write left and its answer was lost (a timeout, a broken connection): it counts as a write.</summary>
    public void WriteLost() => Writes++;

    /// <summary>Writing → Accepted, InDoubt or NotApplied, as the classifier read the write's answer.</summary>
    public void WriteAnswered(ApiAnswer answer, AnswerMeaning meaning)
    {
        Writes++;
        Unanswered = false;
        Heard(RequestKind.Write, answer);
        Move(meaning.MayHaveApplied ? RowStage.InDoubt : meaning.IsAccepted ? RowStage.Accepted : RowStage.NotApplied);
        LastWriteError = meaning.IsAccepted ? null : answer.Describe();
    }

    /// <summary>A write that ended with an exception: InDoubt when it may have landed (and the push was not cancelled), else not applied.</summary>
    public void WriteFailed(Exception exception, AnswerMeaning meaning)
    {
        Move(meaning.MayHaveApplied && !Run.IsCancelled ? RowStage.InDoubt : Writes == 0 ? RowStage.Planned : RowStage.NotApplied);
        LastWriteError = $"{exception.GetType().Name}: {exception.Message}";
        LastException = exception;
    }

    /// <summary>Records the answer of a poll or a query (a write's is <see cref="WriteAnswered"/>).</summary>
    public void Heard(RequestKind kind, ApiAnswer answer)
    {
        LastAnswer = answer;
        if (kind != RequestKind.Query)
        {
            LastOwnStatus = answer.StatusCode;
        }
    }

    /// <summary>Records the exception a poll or a query ended with.</summary>
    public void RequestFailed(Exception exception) => LastException = exception;

    /// <summary>InDoubt (or a lookup's carrier) → Checking: the platform is asked whether the row exists.</summary>
    public void BeginCheck() => Move(RowStage.Checking);

    /// <summary>Checking → Found, NotApplied or Unresolved, as the check says; back to InDoubt when the push stopped it.</summary>
    public void Checked(CheckResult check)
    {
        if (check.Stopped is not null)
        {
            Move(RowStage.InDoubt);
            return;
        }

        LastCheck = check;
        Move(check.Verdict switch
        {
            Reconciliation.Found => RowStage.Found,
            Reconciliation.NotFound => RowStage.NotApplied,
            _ => RowStage.Unresolved,
        });
    }

    /// <summary>Forgets the last check once the row is to be written again: from then on the write's answer decides.</summary>
    public void ForgetCheck() => LastCheck = null;

    /// <summary>Accepted → AwaitingJob: the platform answered with a job to poll.</summary>
    public void AwaitJob() => Move(RowStage.AwaitingJob);

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

    /// <summary>Any stage but Writing and Checking → Done: the row's one outcome.</summary>
    public RowResult End(RowOutcome outcome, string? error, string? explanationId = null, string? jobId = null)
    {
        Move(RowStage.Done);
        return new()
        {
            Index = Index,
            Row = Row,
            Outcome = outcome,
            Attempts = Writes,
            HttpStatus = LastOwnStatus,
            Error = error,
            ExplanationId = explanationId,
            ExplanationIdMissingReason = outcome == RowOutcome.Succeeded && explanationId is null ? MissingIdReason(jobId) : null,
            JobId = jobId,
        };
    }

    /// <summary>Why a succeeded row has no explanation id, in the words the report gives.</summary>
    private string MissingIdReason(string? jobId) => LastOwnStatus switch
    {
        200 when jobId is not null => $"the platform answered 200 with job {jobId} only; a 200's job carries no explanation id and cannot be polled",
        200 => "the platform answered 200 without an explanation id",
        _ => "the platform confirmed the write without giving its explanation id",
    };

    private void Move(RowStage to)
    {
        Verify(Stage, to);
        Stage = to;
    }

    [Conditional("DEBUG")]
    private static void Verify(RowStage from, RowStage to)
    {
        if (!RowStageRules.IsLegal(from, to))
        {
            throw new InvalidOperationException($"A row cannot move from {from} to {to}.");
        }
    }
}
