using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AdherenceSync.Cli.Configuration;

/// <summary>
/// The CLI's settings, in the usual .NET precedence: <c>appsettings.json</c> (section <c>AdherenceSync</c>), then
/// <c>ADHERENCESYNC_</c> environment variables, then arguments. Each later source overrides the earlier ones.
/// </summary>
internal static class CliConfiguration
{
    public const string Section = "AdherenceSync";
    public const string FileName = "appsettings.json";
    public const string VariablePrefix = "ADHERENCESYNC_";

    /// <summary>The published variables whose names predate the prefix convention, and the settings they feed.</summary>
    private static readonly Dictionary<string, string> NamedVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        [CliVariables.AccessToken] = nameof(AdherenceSyncOptions.AccessToken),
        [CliVariables.ClientId] = $"{nameof(AdherenceSyncOptions.ClientCredentials)}:{nameof(ClientCredentialsOptions.ClientId)}",
        [CliVariables.ClientSecret] = $"{nameof(AdherenceSyncOptions.ClientCredentials)}:{nameof(ClientCredentialsOptions.ClientSecret)}",
    };

    /// <param name="environment">The variables and working directory.</param>
    /// <param name="file">The <c>--config</c> file, which must exist; else <c>appsettings.json</c> in the working directory, if any.</param>
    /// <param name="arguments">Settings given as arguments, by key under the section (e.g. <c>Pacing:RequestsPerMinute</c>).</param>
    /// <exception cref="InvalidDataException">The file is not valid JSON.</exception>
    /// <exception cref="FileNotFoundException">The <c>--config</c> file does not exist.</exception>
    public static IConfigurationSection Build(CliEnvironment environment, FileInfo? file, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var path = file?.FullName ?? Path.Combine(environment.WorkingDirectory, FileName);
        return new ConfigurationBuilder()
            .AddJsonFile(path, optional: file is null, reloadOnChange: false)
            .AddInMemoryCollection(FromVariables(environment.Variables))
            .AddInMemoryCollection(arguments
                .Where(a => a.Value is not null)
                .Select(a => Setting(a.Key, Convert.ToString(a.Value, CultureInfo.InvariantCulture))))
            .Build()
            .GetSection(Section);
    }

    /// <summary>Maps variables the way the environment-variable configuration provider does: prefix off, <c>__</c> to <c>:</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> FromVariables(IReadOnlyDictionary<string, string?> variables)
    {
        foreach (var (name, value) in variables)
        {
            if (value is null || !name.StartsWith(VariablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return Setting(NamedVariables.GetValueOrDefault(name) ?? name[VariablePrefix.Length..].Replace("__", ":", StringComparison.Ordinal), value);
        }
    }

    private static KeyValuePair<string, string?> Setting(string key, string? value) => new($"{Section}:{key}", value);
}
