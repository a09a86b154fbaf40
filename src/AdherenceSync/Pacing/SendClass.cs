namespace AdherenceSync.Pacing;

/// <summary>Who asks for a permit, in the order they are served.</summary>
internal enum SendClass
{
    /// <summary>The same request sent once more with a refreshed token, inside an attempt that already held its place.</summary>
    RefreshedResend = 0,

    /// <summary>A request of a row that already sent one: a retry after its delay, a check, or a job poll.</summary>
    FollowUp = 1,

    /// <summary>A row's first request.</summary>
    FirstRequest = 2,
}
