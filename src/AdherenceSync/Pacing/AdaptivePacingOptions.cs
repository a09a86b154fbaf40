using AdherenceSync.Annotations;
using System.ComponentModel.DataAnnotations;
using AdherenceSync.Pacing;

namespace AdherenceSync;

/// <summary>
/// Options of adaptive pacing: learning a budget's window from the server's 429s and their Retry-After (for servers
/// that send no rate-limit headers), and, for servers whose 429s fit no window, the AWS SDKs' "adaptive" mode: a CUBIC
/// rate per budget (the client's and each queue's) that drops on each such 429 and grows back between them.
/// </summary>
public sealed class AdaptivePacingOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether adaptive pacing is on: windows learned from 429s, and the CUBIC fallback.
    /// Rate-limit headers and Retry-After are always obeyed.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the share of the measured send rate kept after a throttle (CUBIC's beta).
    /// </summary>
    /// <value>The default value is 0.7. Range: 0.1 to 0.99.</value>
    [Range(0.1, 0.99)]
    public double Beta { get; set; } = AdaptiveConstants.DefaultBeta;

    /// <summary>
    /// Gets or sets CUBIC's scale constant C: between throttles the rate is <c>C·(t − K)³ + W_max</c>.
    /// </summary>
    /// <value>The default value is 0.4. Range: 0.01 to 10.</value>
    [Range(0.01, 10.0)]
    public double ScaleConstant { get; set; } = AdaptiveConstants.DefaultScaleConstant;

    /// <summary>
    /// Gets or sets the weight of the newest bucket when the measured send rate is smoothed.
    /// </summary>
    /// <value>The default value is 0.8 (the previous estimate keeps 0.2). Range: 0.05 to 1.</value>
    [Range(0.05, 1.0)]
    public double Smoothing { get; set; } = AdaptiveConstants.DefaultSmoothing;

    /// <summary>
    /// Gets or sets the width of the buckets the send rate is measured over.
    /// </summary>
    /// <value>The default value is 0.5 seconds. Range: 10 ms to 10 s.</value>
    [TimeSpanRange("00:00:00.010", "00:00:10")]
    public TimeSpan MeasurementInterval { get; set; } = AdaptiveConstants.DefaultMeasurementInterval;

    /// <summary>
    /// Gets or sets the floor of the adaptive rate, in requests a second.
    /// </summary>
    /// <value>The default value is 0.5. Range: 0.01 to 1000.</value>
    [Range(0.01, 1000.0)]
    public double MinRequestsPerSecond { get; set; } = AdaptiveConstants.DefaultMinRate;
}
