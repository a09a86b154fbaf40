using System.CommandLine;
using AdherenceSync.Cli.Configuration;
using AdherenceSync.Cli.Output;

namespace AdherenceSync.Cli.Commands;

/// <summary>Options that more than one command takes. Their names are a published contract.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Input() => new("--input")
    {
        Description = "The CSV file, with the header agentId,queueId,startDate,lengthMinutes,type,notes.",
        Required = true,
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "table: text for a person; json: one JSON document on standard output. Default: table.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<FileInfo?> Config() => new("--config")
    {
        Description = $"A JSON settings file (section \"{CliConfiguration.Section}\"). Default: {CliConfiguration.FileName} in the current directory, if present. {CliConfiguration.VariablePrefix}* environment variables override it; arguments override both.",
    };
}
