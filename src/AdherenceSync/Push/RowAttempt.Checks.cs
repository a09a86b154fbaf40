namespace AdherenceSync.Push;

/// <content>The checks of a row in doubt (InDoubt → Checking → Found, NotApplied or Unresolved), and a job to await.</content>
internal sealed partial class RowAttempt
{
    /// <summary>Gets what the last check of the platform said, until a write follows it.</summary>
    public CheckResult? LastCheck { get; private set; }

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
}
