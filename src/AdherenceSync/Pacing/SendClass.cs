namespace AdherenceSync.Pacing;

/// <summary>Who asks for a permit, in the order they are served.</summary>
internal enum SendClass
{
    /// <summary>A request sent again inside an attempt that already holds its place (a re-send after a token refresh).</summary>
    Resend = 0,

    /// <summary>A row that already sent a request: a retry after its delay, or a job poll.</summary>
    Resumed = 1,

    /// <summary>A row sending its first request.</summary>
    Fresh = 2,
}
