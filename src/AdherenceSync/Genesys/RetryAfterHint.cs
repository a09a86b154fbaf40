namespace AdherenceSync.Genesys;

/// <summary>
/// A server's Retry-After as received (<see cref="Raw"/>) and as understood (<see cref="Delay"/>).
/// </summary>
/// <param name="Raw">The header value, or <see langword="null"/> when there was none.</param>
/// <param name="Delay">
/// The wait it asks for, from the moment it was received; <see langword="null"/> when absent, negative,
/// unparseable or a date in the past, so that the computed backoff applies.
/// </param>
internal readonly record struct RetryAfterHint(string? Raw, TimeSpan? Delay)
{
    public static RetryAfterHint None => default;

    public override string ToString() => Raw is null ? "(none)" : $"'{Raw}'";
}
