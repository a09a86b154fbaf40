namespace AdherenceSync.Push;

/// <summary>Why a push stops sending before its rows are done.</summary>
internal enum HaltCause
{
    /// <summary>The platform refused the credentials (401 after a refresh, 403), or the token endpoint refused them.</summary>
    CredentialsRefused,

    /// <summary>Signing in still failed after a request's worth of attempts: every row would pay the same outage.</summary>
    SignInFailed,

    /// <summary>The shared budget (Redis) is unavailable and the fallback says to stop.</summary>
    SharedBudgetUnavailable,

    /// <summary>The checkpoint store could not record a row: going on would leave rows a resume cannot account for.</summary>
    CheckpointFailed,

    /// <summary>The caller's handler of row results (<see cref="PushOptions.RowEnded"/>) threw: results would go unseen.</summary>
    RowHandlerFailed,

    /// <summary>The rows' source threw while it was read: the rows read are seen through, no more are read.</summary>
    SourceFailed,
}
