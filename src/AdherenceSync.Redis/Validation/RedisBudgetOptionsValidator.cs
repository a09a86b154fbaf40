using Microsoft.Extensions.Options;

namespace AdherenceSync.Redis.Validation;

/// <summary>Checks the DataAnnotations of <see cref="RedisBudgetOptions"/>; the code is generated.</summary>
[OptionsValidator]
internal sealed partial class RedisBudgetOptionsValidator : IValidateOptions<RedisBudgetOptions>
{
}
