using System.CommandLine;
using System.Globalization;
using AdherenceSync.Cli.Output;
using AdherenceSync.Testing;

namespace AdherenceSync.Cli.Commands;

/// <summary>
/// <c>simulate</c>: serves the <c>AdherenceSync.Testing</c> simulator on a loopback port with the chosen limits, headers
/// and faults, prints its URL and token, and on Ctrl+C (or after <c>--duration</c>) what it saw. Its options are a
/// published contract.
/// </summary>
internal static class SimulateCommand
{
    public const string DefaultToken = "simulator-token";

    public static Command Create(CliEnvironment environment)
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on; 0 picks a free one. Default: 0." };
        var requestsPerMinute = new Option<int>("--requests-per-minute") { Description = "The server's budget per token.", DefaultValueFactory = _ => 300 };
        var window = new Option<TimeSpan?>("--window") { Description = "Count the budget in fixed windows of this length (such as 00:01:00), as Genesys Cloud does, instead of a token bucket." };
        var queueRequestsPerMinute = new Option<int?>("--queue-requests-per-minute") { Description = "A hidden budget per queue, on top of the token's." };
        var headers = new Option<bool>("--rate-limit-headers") { Description = "Send rate-limit headers: inin-ratelimit-* with --window, the IETF draft's RateLimit otherwise." };
        var jobLatency = new Option<TimeSpan?>("--job-latency") { Description = "Answer writes 202 with a job that completes after this long (such as 00:00:02)." };
        var throttleRate = Rate("--throttle-rate", "The share of writes answered 429 whatever the budget (0-1), as hidden limits do.");
        var unavailableRate = Rate("--unavailable-rate", "The share of writes answered 503, not applied (0-1).");
        var dropRate = Rate("--drop-after-write-rate", "The share of writes applied whose connection is then reset (0-1).");
        var seed = new Option<int>("--seed") { Description = "The seed of the random faults, so that a run repeats.", DefaultValueFactory = _ => 1 };
        var token = new Option<string>("--token") { Description = $"The bearer token the simulator accepts.", DefaultValueFactory = _ => DefaultToken };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (such as 00:05:00). Default: run until Ctrl+C." };
        port.Validators.Add(r => InRange(r, r.GetValueOrDefault<int>(), 0, 65535));
        requestsPerMinute.Validators.Add(r => InRange(r, r.GetValueOrDefault<int>(), 1, 1_000_000));
        queueRequestsPerMinute.Validators.Add(r => InRange(r, r.GetValueOrDefault<int?>() ?? 1, 1, 1_000_000));

        var command = new Command("simulate", "Serve the WFM simulator on a loopback port, print its URL and token, and when stopped (Ctrl+C or --duration) what it saw. Push to it with push --base-url.")
        {
            port, requestsPerMinute, window, queueRequestsPerMinute, headers, jobLatency, throttleRate, unavailableRate, dropRate, seed, token, duration,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new WfmSimulatorOptions
            {
                TimeProvider = environment.TimeProvider,
                Port = parse.GetValue(port),
                RequestsPerMinute = parse.GetValue(requestsPerMinute),
                RateLimitWindow = parse.GetValue(window),
                QueueRequestsPerMinute = parse.GetValue(queueRequestsPerMinute),
                RateLimitHeaders = parse.GetValue(headers),
                JobLatency = parse.GetValue(jobLatency),
                AcceptedTokens = new HashSet<string>(StringComparer.Ordinal) { parse.GetRequiredValue(token) },
            };
            options.Faults.Random = new RandomFaults
            {
                Seed = parse.GetValue(seed),
                ThrottleRate = parse.GetValue(throttleRate),
                ServiceUnavailableRate = parse.GetValue(unavailableRate),
                DropAfterWriteRate = parse.GetValue(dropRate),
            };
            return RunAsync(environment, options, parse.GetValue(duration), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, WfmSimulatorOptions options, TimeSpan? duration, CancellationToken cancellationToken)
    {
        WfmSimulator simulator;
        try
        {
            simulator = WfmSimulator.Start(options);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            await environment.Error.WriteLineAsync($"error: --port {options.Port}: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        using (simulator)
        {
            var token = options.AcceptedTokens!.Single();
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                WFM simulator listening at {simulator.BaseAddress}
                  budget        {options.RequestsPerMinute} requests a minute{(options.RateLimitWindow is { } w ? $" in fixed windows of {w.TotalSeconds:0.###} s" : " (token bucket)")}{(options.QueueRequestsPerMinute is { } q ? $", {q} per queue" : string.Empty)}
                  headers       {(options.RateLimitHeaders ? "on" : "off")}
                  access token  {token}
                Push to it:
                  export ADHERENCESYNC_ACCESS_TOKEN={token}
                  {CliApp.CommandName} push --input FILE --base-url {simulator.BaseAddress}
                Stop with Ctrl+C{(duration is { } d ? string.Create(CultureInfo.InvariantCulture, $" (or it stops after {d})") : string.Empty)}.
                """));
            await environment.Out.FlushAsync(cancellationToken);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, environment.Interrupted);
            try
            {
                await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, environment.TimeProvider, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how a server is stopped: what it saw is the result.
            }

            await SimulatorAudit.WriteAsync(environment.Out, simulator);
        }

        return ExitCodes.Success;
    }

    private static Option<double> Rate(string name, string description)
    {
        var option = new Option<double>(name) { Description = description + " Default: 0." };
        option.Validators.Add(r => InRange(r, r.GetValueOrDefault<double>(), 0, 1));
        return option;
    }

    private static void InRange(System.CommandLine.Parsing.OptionResult result, double value, double min, double max)
    {
        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.IdentifierToken?.Value ?? result.Option.Name} must be between {min} and {max}; it was {value}."));
        }
    }
}
