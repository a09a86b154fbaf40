namespace AdherenceSync.Testing;

/// <summary>
/// One injected misbehaviour: an answer the simulator gives instead of the normal one, a dropped connection, or a stall.
/// </summary>
public sealed class SimulatedFault
{
    /// <summary>
    /// Gets the status code to answer with; <see langword="null"/> to answer normally (after a stall, say).
    /// </summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// Gets the platform error code to put in the error body, such as <c>too.many.requests.retry.after</c>.
    /// </summary>
    public string? Code { get; init; }

    /// <summary>
    /// Gets the error message to put in the error body.
    /// </summary>
    public string? Message { get; init; }

    /// <summary>
    /// Gets the raw Retry-After header to send, or <see langword="null"/> for none.
    /// </summary>
    public string? RetryAfter { get; init; }

    /// <summary>
    /// Gets a raw body to send instead of the platform's error body (malformed JSON, say).
    /// </summary>
    public string? RawBody { get; init; }

    /// <summary>
    /// Gets a value indicating whether the write is applied before the fault happens: the dangerous, ambiguous case.
    /// </summary>
    public bool ApplyWrite { get; init; }

    /// <summary>
    /// Gets a value indicating whether the connection is reset instead of answered.
    /// </summary>
    public bool DropConnection { get; init; }

    /// <summary>
    /// Gets how long to stall before answering, on the simulator's clock.
    /// </summary>
    public TimeSpan Stall { get; init; }

    /// <summary>
    /// Gets the real-time pause before each byte of the answer's body: a server that trickles its answer.
    /// </summary>
    public TimeSpan TricklePerByte { get; init; }

    /// <summary>
    /// Applies the write, then answers normally but sends the body one byte at a time.
    /// </summary>
    /// <param name="perByte">The real-time pause before each byte.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault Trickle(TimeSpan perByte) => new() { ApplyWrite = true, TricklePerByte = perByte };

    /// <summary>
    /// Gets the error a write's job ends with, instead of completing; the write is not applied. Needs <see cref="WfmSimulatorOptions.JobLatency"/>.
    /// </summary>
    public string? JobError { get; init; }

    /// <summary>
    /// Gets a value indicating whether the write's job stays <c>Processing</c> for ever. Needs <see cref="WfmSimulatorOptions.JobLatency"/>.
    /// </summary>
    public bool JobNeverCompletes { get; init; }

    /// <summary>
    /// Makes the write's job end in Error with a message.
    /// </summary>
    /// <param name="message">The job's error message.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault FailJob(string message) => new() { JobError = message };

    /// <summary>
    /// Makes the write's job never finish.
    /// </summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault StallJob() => new() { JobNeverCompletes = true };

    /// <summary>
    /// Answers with a status and the platform's error body; the write is not applied.
    /// </summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="code">The platform error code.</param>
    /// <param name="message">The error message.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault Status(int statusCode, string? code = null, string? message = null)
        => new() { StatusCode = statusCode, Code = code ?? $"status.{statusCode}", Message = message ?? $"Simulated HTTP {statusCode}." };

    /// <summary>
    /// Answers 429 with the given raw Retry-After, whatever the budget; the write is not applied.
    /// </summary>
    /// <param name="retryAfter">The raw header value, such as <c>2</c>, <c>abc</c> or an HTTP date.</param>
    /// <returns>The fault.</returns>
    /// <remarks>
    /// The 429 is the token's: its body names the token's limit (<c>client.credentials.token.rate.per.minute</c>) as the
    /// platform does, and <see cref="WfmSimulator.FindRetryAfterViolations()"/> counts every send on the token inside it.
    /// </remarks>
    public static SimulatedFault Throttle(string? retryAfter)
        => new() { StatusCode = 429, Code = "too.many.requests.retry.after", Message = $"Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds", RetryAfter = retryAfter, LimitKey = SimulatorResponses.TokenLimitKey };

    /// <summary>
    /// Answers 400 with a message that quotes the request's <c>Authorization</c> header, as a careless proxy or
    /// server does; the write is not applied.
    /// </summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault EchoAuthorization()
        => new() { StatusCode = 400, Code = "bad.request", Message = "Bad request. Received headers: Authorization: {authorization}", EchoesAuthorization = true };

    /// <summary>
    /// Gets a value indicating whether <c>{authorization}</c> in <see cref="Message"/> is replaced with the request's
    /// <c>Authorization</c> header.
    /// </summary>
    public bool EchoesAuthorization { get; init; }

    /// <summary>
    /// Gets the <c>limit.key</c> the error body names, if any.
    /// </summary>
    public string? LimitKey { get; init; }

    /// <summary>
    /// Resets the connection instead of answering.
    /// </summary>
    /// <param name="afterApplyingWrite">Whether the write is applied first.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault Drop(bool afterApplyingWrite = true) => new() { DropConnection = true, ApplyWrite = afterApplyingWrite };

    /// <summary>
    /// Waits before answering normally.
    /// </summary>
    /// <param name="stall">How long to wait, on the simulator's clock.</param>
    /// <param name="afterApplyingWrite">Whether the write is applied before the wait.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault Delay(TimeSpan stall, bool afterApplyingWrite = true) => new() { Stall = stall, ApplyWrite = afterApplyingWrite };
}
