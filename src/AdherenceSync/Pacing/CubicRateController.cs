namespace AdherenceSync.Pacing;

/// <summary>
/// The rate controller of the AWS SDKs' adaptive retry mode, on a <see cref="TimeProvider"/>. It is off until the first
/// throttle. On a throttle the rate becomes <c>beta × the measured send rate</c> (and that rate is remembered as
/// <c>W_max</c>); between throttles it is <c>C·(t − K)³ + W_max</c> with <c>K = ∛(W_max·(1 − beta)/C)</c>, never more than
/// twice the measured rate, never less than the floor. The measured rate is counted in fixed buckets and smoothed.
/// </summary>
/// <remarks>
/// One deviation from the AWS SDKs: before the first bucket has closed, the smoothed rate is still 0, and a throttle then
/// would collapse the rate to the floor. Until then the rate is estimated from the open bucket, over at least one bucket
/// width, which is never more than what was really sent. It keeps no lock: its budget calls it under its limiter's.
/// </remarks>
internal sealed class CubicRateController(AdaptivePacingOptions options, TimeProvider timeProvider)
{
    private readonly long _origin = timeProvider.GetTimestamp();
    private double _measuredRate;
    private double _lastBucket;
    private int _countInBucket;
    private double _maxRate;
    private double _lastThrottle;

    /// <summary>Gets a value indicating whether a throttle has switched the controller on.</summary>
    public bool IsEnabled { get; private set; }

    /// <summary>Gets the rate the controller allows, in requests a second; meaningful once <see cref="IsEnabled"/>.</summary>
    public double Rate { get; private set; } = double.PositiveInfinity;

    /// <summary>Gets the smoothed measured rate of answers, in requests a second.</summary>
    public double MeasuredRate => _measuredRate;

    /// <summary>Records one answer and returns the allowed rate, or <see langword="null"/> while the controller is off.</summary>
    public double? OnAnswer(bool throttled)
    {
        var t = Now();
        Measure(t);
        var measured = _measuredRate > 0 ? _measuredRate : _countInBucket / Math.Max(t - _lastBucket, options.MeasurementInterval.TotalSeconds);
        double calculated;
        if (throttled)
        {
            var rateToUse = IsEnabled ? Math.Min(measured, Rate) : measured;
            _maxRate = rateToUse;
            calculated = rateToUse * options.Beta;
            _lastThrottle = t;
            IsEnabled = true;
        }
        else if (IsEnabled)
        {
            calculated = (options.ScaleConstant * Math.Pow(t - _lastThrottle - TimeWindow(), 3)) + _maxRate;
        }
        else
        {
            return null;
        }

        Rate = Math.Max(Math.Min(calculated, 2 * measured), options.MinRequestsPerSecond);
        return Rate;
    }

    /// <summary>CUBIC's K: the time after a throttle at which the rate is back at <c>W_max</c>.</summary>
    public double TimeWindow() => Math.Cbrt(_maxRate * (1 - options.Beta) / options.ScaleConstant);

    private void Measure(double t)
    {
        var width = options.MeasurementInterval.TotalSeconds;
        var bucket = Math.Floor(t / width) * width;
        _countInBucket++;
        if (bucket > _lastBucket)
        {
            var current = _countInBucket / (bucket - _lastBucket);
            _measuredRate = (current * options.Smoothing) + (_measuredRate * (1 - options.Smoothing));
            _countInBucket = 0;
            _lastBucket = bucket;
        }
    }

    private double Now() => timeProvider.GetElapsedTime(_origin).TotalSeconds;
}
