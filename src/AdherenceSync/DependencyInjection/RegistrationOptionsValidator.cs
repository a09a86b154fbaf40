using Microsoft.Extensions.Options;

namespace AdherenceSync.DependencyInjection;

/// <summary>
/// Validates <see cref="AdherenceSyncOptions"/> with the generated DataAnnotations validator and the cross-option rules,
/// and names the registration in each failure of a named one (<c>registration 'contoso': BatchSize: ...</c>), so that
/// with several organisations the message says which one it is about.
/// </summary>
internal sealed class RegistrationOptionsValidator : IValidateOptions<AdherenceSyncOptions>
{
    private readonly AdherenceSyncOptionsValidator _annotations = new();
    private readonly AdherenceSyncOptionsCustomValidator _rules = new();

    public ValidateOptionsResult Validate(string? name, AdherenceSyncOptions options)
    {
        var failures = new List<string>();
        // The generated validator would put a registration's name where the type's name goes ("The field
        // contoso.BatchSize"): the messages keep one shape, and the name goes in front.
        foreach (var result in (ReadOnlySpan<ValidateOptionsResult>)[_annotations.Validate(null, options), _rules.Validate(name, options)])
        {
            if (result.Failed)
            {
                failures.AddRange(result.Failures ?? []);
            }
        }

        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(string.IsNullOrEmpty(name) ? failures : failures.Select(f => $"registration '{name}': {f}"));
    }
}
