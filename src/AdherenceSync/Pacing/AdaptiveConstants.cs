namespace AdherenceSync.Pacing;

/// <summary>The AWS SDKs' adaptive-retry constants.</summary>
internal static class AdaptiveConstants
{
    public const double DefaultBeta = 0.7;

    public const double DefaultScaleConstant = 0.4;

    public const double DefaultSmoothing = 0.8;

    public const double DefaultMinRate = 0.5;

    public static readonly TimeSpan DefaultMeasurementInterval = TimeSpan.FromSeconds(0.5);
}
