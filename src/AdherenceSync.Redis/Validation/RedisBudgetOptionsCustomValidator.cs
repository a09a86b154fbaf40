using Microsoft.Extensions.Options;

namespace AdherenceSync.Redis.Validation;

/// <summary>Checks that <see cref="RedisBudgetOptions"/> says where Redis is.</summary>
internal sealed class RedisBudgetOptionsCustomValidator : IValidateOptions<RedisBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Configuration) && options.Connection is null
            ? ValidateOptionsResult.Fail(
                "Configuration: The field RedisBudgetOptions.Configuration must be set to a StackExchange.Redis configuration string, such as localhost:6379, unless a connection multiplexer is given.")
            : ValidateOptionsResult.Success;
    }
}
