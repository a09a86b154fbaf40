using AdherenceSync.Genesys;

namespace AdherenceSync.Push;

/// <content>The row's writes: Planned or NotApplied → Writing → Accepted, InDoubt or NotApplied.</content>
internal sealed partial class RowAttempt
{
    /// <summary>
    /// Gets a value indicating whether the last write left and no answer came back (on the wire, or lost there): only
    /// then may a failed write have landed.
    /// </summary>
    public bool Unanswered { get; private set; }

    /// <summary>Gets how many writes may have reached the platform: handed to the HTTP stack, and not stopped there by a failure to sign in.</summary>
    public int Writes { get; private set; }

    /// <summary>Gets the last error of a write, kept when later requests are queries.</summary>
    public string? LastWriteError { get; private set; }

    /// <summary>Gets where a row stands when nothing of it was applied: planned before its first write, not applied after.</summary>
    private RowStage NothingApplied => Writes == 0 ? RowStage.Planned : RowStage.NotApplied;

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
        Move(NothingApplied);
        Unanswered = false;
    }

    /// <summary>The write left and its answer was lost (a timeout, a broken connection): it counts as a write.</summary>
    public void WriteLost() => Writes++;

    /// <summary>Writing → Accepted, InDoubt or NotApplied, as the classifier read the write's answer.</summary>
    public void WriteAnswered(ApiAnswer answer, AnswerMeaning meaning)
    {
        Writes++;
        Unanswered = false;
        Heard(RequestKind.Write, answer, meaning);
        Move(meaning.MayHaveApplied ? RowStage.InDoubt : meaning.IsAccepted ? RowStage.Accepted : RowStage.NotApplied);
        LastWriteError = meaning.IsAccepted ? null : answer.Describe();
    }

    /// <summary>A write that ended with an exception: InDoubt when it may have landed (and the push was not cancelled), else not applied.</summary>
    public void WriteFailed(Exception exception, AnswerMeaning meaning)
    {
        Move(meaning.MayHaveApplied && !Run.IsCancelled ? RowStage.InDoubt : NothingApplied);
        LastWriteError = $"{exception.GetType().Name}: {exception.Message}";
        LastException = exception;
    }
}
