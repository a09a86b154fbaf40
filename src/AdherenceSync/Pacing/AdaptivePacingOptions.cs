namespace AdherenceSync;

/// <summary>
/// Options of adaptive pacing: learning a budget's window from the server's 429s and their Retry-After, for servers that
/// send no rate-limit headers (the token's window, and a queue's hidden limit).
/// </summary>
public sealed class AdaptivePacingOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether windows are learned from 429s. Rate-limit headers and Retry-After are always
    /// obeyed; with this off, a 429 only pauses the budget it exhausted.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;
}
