using System.ComponentModel.DataAnnotations;
using AdherenceSync.Cli.Configuration;
using Microsoft.Extensions.Configuration;

namespace AdherenceSync.Cli.Commands;

/// <summary>The merged settings of one command: the configuration section, and the options bound from it.</summary>
internal sealed record CliSettings(IConfigurationSection Section, AdherenceSyncOptions Options)
{
    /// <summary>Builds and binds the settings, or writes why not and returns <see langword="null"/>.</summary>
    public static async Task<CliSettings?> LoadAsync(CliEnvironment environment, FileInfo? file, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        string problem;
        try
        {
            var section = CliConfiguration.Build(environment, file, arguments);
            var options = new AdherenceSyncOptions();
            section.Bind(options);
            return new CliSettings(section, options);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or FormatException or InvalidOperationException)
        {
            problem = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
        }

        await environment.Error.WriteLineAsync($"error: settings: {problem}; nothing was sent.");
        return null;
    }

    /// <summary>
    /// The range checks of the options a dry run uses (DataAnnotations, as the library declares them). Connection
    /// settings are not needed for a plan, so the library's full start-up validation is left to <c>push</c>.
    /// </summary>
    public IReadOnlyList<string> ValidatePlanOptions()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Options, new ValidationContext(Options), results, validateAllProperties: true);
        Validator.TryValidateObject(Options.Pacing, new ValidationContext(Options.Pacing), results, validateAllProperties: true);
        return [.. results.Select(r => $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}")];
    }
}
