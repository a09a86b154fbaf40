using System.CommandLine;
using AdherenceSync.Cli.Csv;
using AdherenceSync.Cli.Output;
using Microsoft.Extensions.Options;

namespace AdherenceSync.Cli.Commands;

/// <summary><c>push</c>: pushes a CSV file to a real endpoint. Its options are a published contract.</summary>
internal static class PushCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var input = new Option<FileInfo>("--input") { Description = "The CSV file to push, with the header agentId,queueId,startDate,lengthMinutes,type,notes.", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "The WFM API's base URL, such as https://api.mypurecloud.com. Required unless --region is given." };
        var region = new Option<string?>("--region") { Description = "The Genesys Cloud region, such as eu_west_1; --base-url overrides it." };
        var report = new Option<FileInfo?>("--report") { Description = "Write the JSON report of every row to this file." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Record progress in this file (JSON lines) and resume from it: rows it records as done are not sent again." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows per batch (1-100). Default: 10." };
        var maxParallelQueues = new Option<int?>("--max-parallel-queues") { Description = "Queues worked on at once (1-16); one request per queue at a time. Default: 1." };
        var requestsPerMinute = new Option<int?>("--requests-per-minute") { Description = "The client's request budget. Default: 300." };

        var command = new Command(
            "push",
            $"Push adherence exceptions from a CSV file. Credentials come from the environment: {CliVariables.AccessToken}, or else {CliVariables.ClientId} and {CliVariables.ClientSecret}.")
        {
            input, baseUrl, region, report, checkpoint, batchSize, maxParallelQueues, requestsPerMinute,
        };

        command.SetAction((parse, cancellationToken) => RunAsync(environment, new PushArguments(
            parse.GetRequiredValue(input),
            parse.GetValue(baseUrl),
            parse.GetValue(region),
            parse.GetValue(report),
            parse.GetValue(checkpoint),
            parse.GetValue(batchSize),
            parse.GetValue(maxParallelQueues),
            parse.GetValue(requestsPerMinute)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, PushArguments arguments, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        var token = environment.GetVariable(CliVariables.AccessToken);
        var clientId = environment.GetVariable(CliVariables.ClientId);
        var clientSecret = environment.GetVariable(CliVariables.ClientSecret);
        if (string.IsNullOrWhiteSpace(token) && (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrEmpty(clientSecret)))
        {
            await error.WriteLineAsync($"error: set {CliVariables.AccessToken} to a bearer token, or {CliVariables.ClientId} and {CliVariables.ClientSecret} to OAuth client credentials; nothing was sent.");
            return ExitCodes.InvalidInput;
        }

        Uri? baseAddress = null;
        if (arguments.BaseUrl is null && arguments.Region is null)
        {
            await error.WriteLineAsync("error: give --base-url or --region; nothing was sent.");
            return ExitCodes.InvalidInput;
        }

        if (arguments.BaseUrl is not null && !Uri.TryCreate(arguments.BaseUrl, UriKind.Absolute, out baseAddress))
        {
            await error.WriteLineAsync($"error: --base-url '{arguments.BaseUrl}' is not an absolute URL; nothing was sent.");
            return ExitCodes.InvalidInput;
        }

        if (!arguments.Input.Exists)
        {
            await error.WriteLineAsync($"error: --input '{arguments.Input}' does not exist; nothing was sent.");
            return ExitCodes.InvalidInput;
        }

        // First pass: check every line, keeping no row, so that a file of any size is refused before anything is sent.
        var maxRows = new AdherenceSyncOptions().MaxRowsPerPush;
        CsvCheck input;
        using (var reader = arguments.Input.OpenText())
        {
            input = CsvRowReader.Check(reader, maxRows);
        }

        if (!input.IsValid)
        {
            await error.WriteLineAsync($"error: {input.ErrorCount} problem(s) in {arguments.Input.Name}; nothing was sent.");
            foreach (var problem in input.Errors)
            {
                await error.WriteLineAsync(problem.Format(arguments.Input.Name));
            }

            if (input.ErrorCount > input.Errors.Count)
            {
                await error.WriteLineAsync($"... and {input.ErrorCount - input.Errors.Count} more.");
            }

            return ExitCodes.InvalidInput;
        }

        CliClient client;
        try
        {
            client = CliClient.Create(o =>
            {
                o.BaseAddress = baseAddress;
                o.Region = arguments.Region;
                o.AccessToken = string.IsNullOrWhiteSpace(token) ? null : token;
                o.ClientCredentials.ClientId = clientId;
                o.ClientCredentials.ClientSecret = clientSecret;
                o.BatchSize = arguments.BatchSize ?? o.BatchSize;
                o.MaxParallelQueues = arguments.MaxParallelQueues ?? o.MaxParallelQueues;
                o.Pacing.RequestsPerMinute = arguments.RequestsPerMinute ?? o.Pacing.RequestsPerMinute;
            }, environment);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await error.WriteLineAsync($"error: {failure}");
            }

            return ExitCodes.InvalidInput;
        }

        using (client)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, environment.Interrupted);
            var console = new ConsoleReporter(environment.Out);
            await environment.Out.WriteLineAsync($"Pushing {input.Lines.Count} rows from {arguments.Input.Name} to {baseAddress?.ToString() ?? arguments.Region} ...");
            using var store = arguments.Checkpoint is { } file ? new FileCheckpointStore(file.FullName) : null;
            var report = await environment.RunPush(client.Client.PushAsync(CsvRowReader.ReadRows(arguments.Input.OpenText), new PushOptions { Progress = console, Checkpoint = store }, stop.Token));
            console.WriteSummary(report);

            if (arguments.Report is { } reportFile)
            {
                await ReportFile.WriteAsync(reportFile.FullName, ReportFile.From(report, input.Lines), CancellationToken.None);
                await environment.Out.WriteLineAsync($"Report written to {reportFile.FullName}");
            }

            return report.Cancelled ? ExitCodes.Cancelled : report.AllSucceeded ? ExitCodes.Success : ExitCodes.RowsNotSucceeded;
        }
    }

    private sealed record PushArguments(
        FileInfo Input, string? BaseUrl, string? Region, FileInfo? Report, FileInfo? Checkpoint, int? BatchSize, int? MaxParallelQueues, int? RequestsPerMinute);
}
