using AdherenceSync.Authentication;

namespace AdherenceSync.Push;

/// <summary>
/// A push's halt as a value: its cause and the words of the report. <see cref="From(AnswerMeaning, Exception?)"/> is the one
/// rule for when an exchange halts the push; <see cref="PushRun.Halt"/> is the one place that carries it out.
/// </summary>
/// <param name="Cause">Why.</param>
/// <param name="Message">The report's <c>HaltReason</c>.</param>
internal sealed record PushHalt(HaltCause Cause, string Message)
{
    /// <summary>The halt an exchange calls for, or <see langword="null"/> when the push goes on.</summary>
    /// <param name="meaning">The exchange, as the answer classifier reads it.</param>
    /// <param name="finalFailure">The exception a request ended with after its retries, if any: a sign-in still failing
    /// then, or a shared budget that is gone, halts too.</param>
    public static PushHalt? From(AnswerMeaning meaning, Exception? finalFailure = null) => (meaning.Verdict, finalFailure) switch
    {
        (AnswerVerdict.Halt, _) => new(HaltCause.CredentialsRefused, meaning.Reason),
        (_, AccessTokenException signIn) => new(HaltCause.SignInFailed, $"could not sign in: {signIn.Message}"),
        (_, Pacing.SharedBudgetUnavailableException unavailable) => new(HaltCause.SharedBudgetUnavailable, unavailable.Message),
        _ => null,
    };

    /// <summary>The halt of a sign-in that failed before anything was sent.</summary>
    public static PushHalt SignIn(AccessTokenException failure, int attempts) => failure.CredentialsRejected
        ? new(HaltCause.CredentialsRefused, failure.Message)
        : new(HaltCause.SignInFailed, $"could not sign in after {attempts} attempts: {failure.Message}");

    /// <summary>The halt of a checkpoint store that could not record a row.</summary>
    public static PushHalt Checkpoint(Exception failure) => new(HaltCause.CheckpointFailed, $"the checkpoint could not record a row: {failure.GetType().Name}: {failure.Message}");

    /// <summary>The halt of a <see cref="PushOptions.RowEnded"/> handler that threw.</summary>
    public static PushHalt RowHandler(Exception failure) => new(HaltCause.RowHandlerFailed, $"the RowEnded handler failed: {failure.GetType().Name}: {failure.Message}");

    /// <summary>The halt of a streamed push whose source threw.</summary>
    public static PushHalt Source(Exception failure) => new(HaltCause.SourceFailed, $"reading the rows failed: {failure.GetType().Name}: {failure.Message}");

    /// <inheritdoc/>
    public override string ToString() => Message;
}
