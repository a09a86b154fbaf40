using Microsoft.Extensions.Options;

namespace AdherenceSync.DependencyInjection;

/// <summary>
/// Checks the DataAnnotations of <see cref="AdherenceSyncOptions"/> and its nested options; the code is generated.
/// </summary>
[OptionsValidator]
internal sealed partial class AdherenceSyncOptionsValidator : IValidateOptions<AdherenceSyncOptions>
{
}
