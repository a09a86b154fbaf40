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

    /// <summary>
    /// <c>--format table|json</c>. Parsed here, so that a wrong value is answered in the words the user typed (not the
    /// enum's type name) and the help shows one default.
    /// </summary>
    public static Option<OutputFormat> Format()
    {
        var option = new Option<OutputFormat>("--format")
        {
            Description = "table: text for a person; json: one JSON document on standard output. Default: table.",
            HelpName = "table|json",
            CustomParser = result =>
            {
                var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "table";
                if (Enum.TryParse<OutputFormat>(value, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(value, out _))
                {
                    return format;
                }

                result.AddError($"--format must be table or json; it was '{value}'.");
                return default;
            },
        };
        return option;
    }

    public static Option<FileInfo?> Config() => new("--config")
    {
        Description = $"A JSON settings file (section \"{CliConfiguration.Section}\"). Default: {CliConfiguration.FileName} in the current directory, if present. {CliConfiguration.VariablePrefix}* environment variables override it; arguments override both.",
    };
}
