using System.CommandLine;
using System.Text;
using AdherenceSync.Cli.Configuration;
using AdherenceSync.Cli.Csv;
using AdherenceSync.Cli.Output;
using AdherenceSync.Cli.Planning;
using AdherenceSync.Redis;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Cli.Commands;

/// <summary><c>push</c>: pushes a CSV file to a real endpoint. Its options are a published contract.</summary>
internal static class PushCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var input = CommonOptions.Input();
        var baseUrl = new Option<string?>("--base-url") { Description = "The WFM API's base URL, such as https://api.mypurecloud.com. Required unless --region is given." };
        var region = new Option<string?>("--region") { Description = "The Genesys Cloud region, such as eu_west_1; --base-url overrides it." };
        var report = new Option<FileInfo?>("--report") { Description = "Write the JSON report of every row to this file." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Record progress in this file (JSON lines) and resume from it: rows it records as done are not sent again." };
        var anyTarget = new Option<bool>("--checkpoint-any-target") { Description = "Use a --checkpoint recorded for another API host, registration or client: rows it records as done there are not sent here." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows per batch (1-100). Default: 10." };
        var maxParallelQueues = new Option<int?>("--max-parallel-queues") { Description = "Queues worked on at once (1-16); one request per queue at a time. Default: 1." };
        var requestsPerMinute = new Option<int?>("--requests-per-minute") { Description = "A ceiling on the client's requests a minute. Default: none; the server's budget is learned from its answers." };
        var businessUnit = new Option<string?>("--business-unit") { Description = "The business unit of the file's agents: rows in doubt on a resume, missing ids, and the rows of 202 jobs are looked up for many agents in one query." };
        var resolveIds = new Option<bool>("--resolve-explanation-ids") { Description = "After the push, look up the explanation id of each row the platform applied without giving one (a 200 holds the job reference only)." };
        var redis = new Option<string?>("--redis") { Description = "Share the client budget with other instances through this Redis (a StackExchange.Redis configuration string, such as localhost:6379)." };
        var state = new Option<FileInfo?>("--state") { Description = "Keep what was learned of the server's budget in this file (JSON), so the next push starts from it and spends no 429s learning it again." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and print the plan (queues, batches, estimated duration at the budget); send nothing." };
        var format = CommonOptions.Format();
        var config = CommonOptions.Config();

        var command = new Command(
            "push",
            $"Push adherence exceptions from a CSV file. Credentials come from the environment: {CliVariables.AccessToken}, or else {CliVariables.ClientId} and {CliVariables.ClientSecret}.")
        {
            input, baseUrl, region, report, checkpoint, anyTarget, batchSize, maxParallelQueues, requestsPerMinute, redis, dryRun, format, config, businessUnit, resolveIds, state,
        };

        command.SetAction((parse, cancellationToken) => RunAsync(environment, new PushArguments(
            parse.GetRequiredValue(input),
            parse.GetValue(report),
            parse.GetValue(checkpoint),
            parse.GetValue(anyTarget),
            parse.GetValue(dryRun),
            parse.GetValue(format),
            parse.GetValue(config),
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [nameof(AdherenceSyncOptions.BaseAddress)] = parse.GetValue(baseUrl),
                [nameof(AdherenceSyncOptions.Region)] = parse.GetValue(region),
                [nameof(AdherenceSyncOptions.BatchSize)] = parse.GetValue(batchSize),
                [nameof(AdherenceSyncOptions.MaxParallelQueues)] = parse.GetValue(maxParallelQueues),
                [$"{nameof(AdherenceSyncOptions.Pacing)}:{nameof(PacingOptions.RequestsPerMinute)}"] = parse.GetValue(requestsPerMinute),
                [$"{nameof(AdherenceSyncOptions.Pacing)}:{nameof(PacingOptions.StateFile)}"] = parse.GetValue(state)?.FullName,
                [$"{CliClient.RedisSection}:{nameof(RedisBudgetOptions.Configuration)}"] = parse.GetValue(redis),
                [nameof(AdherenceSyncOptions.BusinessUnitId)] = parse.GetValue(businessUnit),
                [nameof(AdherenceSyncOptions.ResolveExplanationIds)] = parse.GetValue(resolveIds) ? true : null,
            }), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, PushArguments arguments, CancellationToken cancellationToken)
    {
        if (await CliSettings.LoadAsync(environment, arguments.Config, arguments.Settings) is not { } settings)
        {
            return ExitCodes.InvalidInput;
        }

        if (OutputPaths.Check(arguments.Input, arguments.Report, arguments.Checkpoint) is { } clash)
        {
            await environment.Error.WriteLineAsync(clash);
            return ExitCodes.InvalidInput;
        }

        if (!arguments.DryRun && !await CheckConnectionSettingsAsync(environment.Error, settings.Options))
        {
            return ExitCodes.InvalidInput;
        }

        // First pass: check every line, keeping no row, so that a file of any size is refused before anything is sent.
        if (await InputFile.CheckAsync(environment, arguments.Input, settings.Options.MaxRowsPerPush, arguments.Format) is not { IsValid: true } input)
        {
            return ExitCodes.InvalidInput;
        }

        return arguments.DryRun
            ? await DryRunAsync(environment, arguments, settings, input)
            : await PushAsync(environment, arguments, settings, input, cancellationToken);
    }

    private static async Task<bool> CheckConnectionSettingsAsync(TextWriter error, AdherenceSyncOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AccessToken)
            && (string.IsNullOrWhiteSpace(options.ClientCredentials.ClientId) || string.IsNullOrEmpty(options.ClientCredentials.ClientSecret)))
        {
            await error.WriteLineAsync($"error: set {CliVariables.AccessToken} to a bearer token, or {CliVariables.ClientId} and {CliVariables.ClientSecret} to OAuth client credentials; nothing was sent.");
            return false;
        }

        if (options.BaseAddress is null && options.Region is null)
        {
            await error.WriteLineAsync("error: give --base-url or --region; nothing was sent.");
            return false;
        }

        if (options.BaseAddress is { IsAbsoluteUri: false } relative)
        {
            await error.WriteLineAsync($"error: --base-url '{relative}' is not an absolute URL; nothing was sent.");
            return false;
        }

        return true;
    }

    private static async Task<int> DryRunAsync(CliEnvironment environment, PushArguments arguments, CliSettings settings, CsvCheck input)
    {
        var problems = settings.ValidatePlanOptions();
        foreach (var problem in problems)
        {
            await environment.Error.WriteLineAsync($"error: {OptionMessages.Describe(problem, arguments.Settings, CliConfiguration.Section)}");
        }

        if (problems.Count > 0)
        {
            return ExitCodes.InvalidInput;
        }

        var plan = PushPlan.Create(arguments.Input.Name, input.QueueRows, settings.Options);
        await (arguments.Format == OutputFormat.Json ? CliJson.WriteAsync(environment.Out, plan) : PlanWriter.WriteAsync(environment.Out, plan));
        return ExitCodes.Success;
    }

    private static async Task<int> PushAsync(CliEnvironment environment, PushArguments arguments, CliSettings settings, CsvCheck input, CancellationToken cancellationToken)
    {
        // What the first pass left (its sorted runs of keys, the records it parsed) is garbage now, some of it in the
        // generation collected least often; collected here, the long push starts from the memory it needs (about
        // 4 MB less at its peak for 200,000 rows, docs/performance.md).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        CliClient client;
        try
        {
            client = CliClient.Create(settings.Section, environment);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await environment.Error.WriteLineAsync($"error: {OptionMessages.Describe(failure, arguments.Settings, CliConfiguration.Section)}");
            }

            return ExitCodes.InvalidInput;
        }

        using (client)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, environment.Interrupted);
            using var watch = new ThrottleWatch(client.MeterFactory);
            var display = PushDisplays.Create(environment, arguments.Format, watch);

            // With --format json, standard output holds the report alone; messages go to standard error.
            var messages = arguments.Format == OutputFormat.Json ? environment.Error : environment.Out;
            var target = settings.Options.BaseAddress?.ToString() ?? settings.Options.Region;
            await messages.WriteLineAsync($"Pushing {Counted.Of(input.Lines.Count, "row", "rows")} from {arguments.Input.Name} to {target} ...");
            using var store = arguments.Checkpoint is { } file ? new FileCheckpointStore(file.FullName) : null;

            // Sent as it is read (the first pass checked every line), each row kept on disk for the report as it ends:
            // memory stays flat however long the file.
            await using var results = new ReportStream(input.Lines, keepRows: arguments.Report is not null || arguments.Format == OutputFormat.Json);
            var push = new PushOptions
            {
                Progress = new KnownTotalProgress(display, input.Lines.Count),
                Checkpoint = store,
                AllowCheckpointFromAnotherTarget = arguments.CheckpointAnyTarget,
                RowEnded = results.OnRowEndedAsync,
                KeepRows = false,
            };
            PushReport report;
            try
            {
                report = await display.ShowAsync(() => environment.RunPush(client.Client.PushAsync(CsvRowReader.ReadRowsAsync(arguments.Input.OpenText), push, stop.Token)));
            }
            catch (CheckpointTargetException e)
            {
                await environment.Error.WriteLineAsync($"error: --checkpoint {arguments.Checkpoint!.FullName}: {e.Message.Replace("PushOptions.AllowCheckpointFromAnotherTarget", "--checkpoint-any-target", StringComparison.Ordinal)} Nothing was sent.");
                return ExitCodes.InvalidInput;
            }

            // The report goes to standard output (--format json) and to --report in one pass over the rows kept on disk.
            var reportWriter = arguments.Report is { } reportFile ? new StreamWriter(reportFile.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) : null;
            await using (reportWriter)
            {
                TextWriter?[] targets = [arguments.Format == OutputFormat.Json ? environment.Out : null, reportWriter];
                await results.WriteAsync([.. targets.OfType<TextWriter>()], report);
            }

            if (arguments.Format != OutputFormat.Json)
            {
                display.WriteSummary(report, input.Lines, results.Problems);
            }

            if (arguments.Report is { } written)
            {
                await messages.WriteLineAsync($"Report written to {written.FullName}");
            }

            return report.Cancelled ? ExitCodes.Cancelled : report.AllSucceeded ? ExitCodes.Success : ExitCodes.RowsNotSucceeded;
        }
    }

    private sealed record PushArguments(
        FileInfo Input, FileInfo? Report, FileInfo? Checkpoint, bool CheckpointAnyTarget, bool DryRun, OutputFormat Format, FileInfo? Config, IReadOnlyDictionary<string, object?> Settings);
}
