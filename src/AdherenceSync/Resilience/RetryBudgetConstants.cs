namespace AdherenceSync.Resilience;

/// <summary>The AWS SDKs' standard retry mode quota.</summary>
internal static class RetryBudgetConstants
{
    public const int DefaultCapacity = 500;

    public const int DefaultRetryCost = 5;

    public const int DefaultTimeoutRetryCost = 10;

    public const int DefaultSuccessRefund = 1;
}
