using AdherenceSync.Annotations;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AdherenceSync;

/// <summary>
/// Options of an AdherenceSync client.
/// </summary>
public sealed class AdherenceSyncOptions
{
    /// <summary>
    /// Gets or sets the base URL of the WFM API, such as <c>https://api.mypurecloud.com</c>. It overrides <see cref="Region"/>.
    /// </summary>
    /// <remarks>
    /// Plain <c>http://</c> is accepted only for a loopback host, such as a local simulator.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: the API host of <see cref="Region"/>. One of the two must be set.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the Genesys Cloud region, such as <c>eu_west_1</c>, which gives the API host.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. Ignored when <see cref="BaseAddress"/> is set.</value>
    public string? Region { get; set; }

    /// <summary>
    /// Gets or sets a static bearer token sent with every request. When set, it wins over <see cref="ClientCredentials"/>.
    /// </summary>
    /// <remarks>
    /// The token never appears in logs, exception messages, reports or <see cref="ToString"/>. A static token cannot be
    /// refreshed: a 401 halts the push.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>. Either it or <see cref="ClientCredentials"/> must be set.</value>
    public string? AccessToken
    {
        get;

        // Whitespace around a token is never part of it: $(cat token.txt) leaves a trailing newline.
        set => field = value?.Trim();
    }

    /// <summary>
    /// Gets or sets the OAuth client credentials the client signs in with, when no <see cref="AccessToken"/> is set.
    /// </summary>
    /// <value>The default value is a new <see cref="ClientCredentialsOptions"/> with nothing set.</value>
    [Required]
    [ValidateObjectMembers]
    public ClientCredentialsOptions ClientCredentials { get; set; } = new();

    /// <summary>
    /// Gets or sets how long the client waits for a job (an answer 202) to finish. A job not finished by then makes its row
    /// <see cref="RowOutcome.Unknown"/> as "not confirmed", never <see cref="RowOutcome.Succeeded"/>.
    /// </summary>
    /// <value>The default value is 2 minutes. Range: 1 second to 1 hour.</value>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan JobConfirmationTimeout { get; set; } = Genesys.JobConstants.DefaultConfirmationTimeout;

    /// <summary>
    /// Gets or sets the delay before the first poll of a job; each later poll waits twice as long, up to 15 seconds.
    /// </summary>
    /// <value>The default value is 1 second. Range: 10 ms to 1 minute.</value>
    [TimeSpanRange("00:00:00.010", "00:01:00")]
    public TimeSpan JobPollDelay { get; set; } = Genesys.JobConstants.DefaultFirstPollDelay;

    /// <summary>
    /// Gets or sets how many rows of one queue make a batch: the unit of progress, logging and tracing.
    /// </summary>
    /// <remarks>Rows are still sent one request each, in input order within their queue.</remarks>
    /// <value>The default value is 10. Range: 1 to 100.</value>
    [Range(AdherenceSyncOptionsConstants.MinBatchSize, AdherenceSyncOptionsConstants.MaxBatchSize)]
    public int BatchSize { get; set; } = AdherenceSyncOptionsConstants.DefaultBatchSize;

    /// <summary>
    /// Gets or sets how many queues may have a request in flight at once. Within one queue, no two requests are ever in
    /// flight together, whatever this is.
    /// </summary>
    /// <remarks>
    /// Every queue is drained in input order by its own loop; queues take turns, first come first served, so a queue held
    /// back by its own (learned) budget, a retry delay or a job being confirmed lets the others through meanwhile.
    /// </remarks>
    /// <value>The default value is 1: one request in flight at a time. Range: 1 to 16.</value>
    [Range(1, AdherenceSyncOptionsConstants.MaxParallelQueues)]
    public int MaxParallelQueues { get; set; } = AdherenceSyncOptionsConstants.DefaultMaxParallelQueues;

    /// <summary>
    /// Gets or sets the most rows one push takes. A push is validated whole before anything is sent, and its report holds a
    /// result per row, so both grow with it; input past this limit is refused before any request, and reading it stops at
    /// the first row too many.
    /// </summary>
    /// <remarks>
    /// Split bigger inputs into several pushes; a checkpoint lets each resume on its own. A push of an
    /// <see cref="IAsyncEnumerable{T}"/> sends as it reads: the first row past the limit ends
    /// <see cref="RowOutcome.Invalid"/> and reading stops there. <see cref="IAdherenceSyncClient.PushStreamAsync"/> keeps no
    /// row and takes no limit.
    /// </remarks>
    /// <value>The default value is 1,000,000. Range: 1 to 10,000,000.</value>
    [Range(1, AdherenceSyncOptionsConstants.MaxMaxRowsPerPush)]
    public int MaxRowsPerPush { get; set; } = AdherenceSyncOptionsConstants.DefaultMaxRowsPerPush;

    /// <summary>
    /// Gets or sets how many rows a push of an <see cref="IAsyncEnumerable{T}"/> holds at once: read from the source and
    /// not yet ended. It reads no further ahead than this, so a fast source waits for the sends, and its memory stays flat.
    /// </summary>
    /// <remarks>
    /// Rows are read in order and each queue's rows are sent in that order, so a source sorted by queue keeps few queues
    /// busy at once when this is small; a push of an <see cref="IEnumerable{T}"/> reads it whole first and is not bound by it.
    /// </remarks>
    /// <value>The default value is 1,000. Range: 1 to 100,000.</value>
    [Range(1, AdherenceSyncOptionsConstants.MaxMaxRowsHeld)]
    public int MaxRowsHeld { get; set; } = AdherenceSyncOptionsConstants.DefaultMaxRowsHeld;

    /// <summary>
    /// Gets or sets the pacing options.
    /// </summary>
    /// <value>The default value is a new <see cref="PacingOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public PacingOptions Pacing { get; set; } = new();

    /// <summary>
    /// Gets or sets the retry options.
    /// </summary>
    /// <value>The default value is a new <see cref="RetryOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public RetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Gets or sets your application's product token, such as <c>Contoso.Exporter/2.1</c>, put before the client's own
    /// (<c>AdherenceSync/&lt;version&gt; (.NET &lt;runtime&gt;)</c>) in every request's <c>User-Agent</c>, so that a
    /// support case with the platform can find your requests.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the client's own product token only.</value>
    public string? ApplicationName { get; set; }

    /// <summary>
    /// Gets or sets the business unit the pushed agents belong to. When set, the client looks explanations up for many
    /// agents in one business-unit query (resuming rows in doubt, resolving ids) instead of one query per agent, and
    /// confirms the 202 jobs that wait in every queue with one such query instead of polling each job.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: one query per agent, and one poll or more per job.</value>
    public string? BusinessUnitId { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether, after the push, the client looks up the explanation id of each row the
    /// platform applied without giving one (a 200 answer holds the job reference only). It takes one business-unit query
    /// per time span when <see cref="BusinessUnitId"/> is set, otherwise one query per agent.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: such rows are <c>Succeeded</c> without an id.</value>
    public bool ResolveExplanationIds { get; set; }

    /// <inheritdoc/>
    public override string ToString()
        => $"BaseAddress={BaseAddress?.ToString() ?? "(from region)"}, Region={Region ?? "(none)"}, AccessToken={(AccessToken is null ? "(none)" : "(set)")}, ClientCredentials=[{ClientCredentials}], BatchSize={BatchSize}, MaxParallelQueues={MaxParallelQueues}, RequestsPerMinute={Pacing.RequestsPerMinute}";

    /// <summary>Gets the API base URL: <see cref="BaseAddress"/>, else the host of <see cref="Region"/>.</summary>
    internal Uri? ApiBase => BaseAddress ?? (Region is not null && Genesys.GenesysRegions.Hosts.ContainsKey(Region) ? Genesys.GenesysRegions.ApiBase(Region) : null);

    /// <summary>Gets the token endpoint: the configured one, else derived from the API base URL.</summary>
    internal Uri? TokenEndpoint => ClientCredentials.TokenEndpoint ?? (ApiBase is { } api ? Genesys.GenesysRegions.TokenEndpoint(api) : null);

    /// <summary>Gets a value indicating whether the client signs in with client credentials (no static token is set).</summary>
    /// <summary>
    /// Gets or sets the factory of a budget shared with other instances, set by <c>UseRedisBudget</c>; not bound from
    /// configuration. It receives the registration name.
    /// </summary>
    internal Func<string, Pacing.ISharedBudget>? SharedBudget { get; set; }

    internal bool UsesClientCredentials => string.IsNullOrWhiteSpace(AccessToken) && ClientCredentials.IsConfigured;
}
