using System.Text.RegularExpressions;

namespace AdherenceSync.Cli.Commands;

/// <summary>
/// Turns the library's option failures (<c>BatchSize: The field AdherenceSyncOptions.BatchSize must be between 1 and
/// 100.</c>) into the words the user typed: the argument (<c>--batch-size must be between 1 and 100; it was 0.</c>) when
/// the value came from one, the CLI's own variable for credentials (<c>ADHERENCESYNC_ACCESS_TOKEN must ...</c>), otherwise
/// the settings key (<c>AdherenceSync:BatchSize must be ...</c>).
/// </summary>
internal static partial class OptionMessages
{
    /// <summary>The arguments that set an option, by the option's settings key.</summary>
    private static readonly Dictionary<string, string> Arguments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BaseAddress"] = "--base-url",
        ["Region"] = "--region",
        ["BatchSize"] = "--batch-size",
        ["MaxParallelQueues"] = "--max-parallel-queues",
        ["Pacing:RequestsPerMinute"] = "--requests-per-minute",
        ["Pacing:StateFile"] = "--state",
    };

    /// <param name="failure">A failure as the library or DataAnnotations word it.</param>
    /// <param name="typed">The values given as arguments, by settings key; <see langword="null"/> when not given.</param>
    /// <param name="section">The settings section, such as <c>AdherenceSync</c>.</param>
    public static string Describe(string failure, IReadOnlyDictionary<string, object?> typed, string section)
    {
        if (Failure().Match(failure) is not { Success: true } match)
        {
            return failure;
        }

        var key = match.Groups["path"].Value.Replace('.', ':');
        key = typed.Keys.FirstOrDefault(k => k.EndsWith(key, StringComparison.OrdinalIgnoreCase)) ?? key;
        var rest = match.Groups["rest"].Value.TrimEnd('.');
        if (Variables.TryGetValue(key, out var variable))
        {
            return $"{variable} {rest}.";
        }

        return Arguments.TryGetValue(key, out var argument) && typed.TryGetValue(key, out var value) && value is not null
            ? $"{argument} {rest}; it was {value}."
            : $"{section}:{key} {rest}.";
    }

    /// <summary>The options the CLI takes from environment variables of their own, never from an argument.</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AccessToken"] = CliVariables.AccessToken,
        ["ClientCredentials:ClientId"] = CliVariables.ClientId,
        ["ClientCredentials:ClientSecret"] = CliVariables.ClientSecret,
    };

    [GeneratedRegex(@"^\w+: The field (?:AdherenceSyncOptions\.)?(?<path>[\w.]+) (?<rest>.*)$")]
    private static partial Regex Failure();
}
