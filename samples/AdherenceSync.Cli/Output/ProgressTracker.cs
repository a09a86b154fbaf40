namespace AdherenceSync.Cli.Output;

/// <summary>
/// Keeps the latest progress and turns it into a <see cref="ProgressView"/>, the rate measured over the last 10 s. The
/// rate counts rows that were sent: rows reported not attempted (after Ctrl+C or a halt) were not worked on.
/// </summary>
/// <remarks>
/// Progress comes once per row; the rate needs a sample every <see cref="SampleEvery"/> at most, so that a fast push
/// keeps about a hundred samples, not every row of the last 10 s.
/// </remarks>
internal sealed class ProgressTracker(ThrottleWatch watch)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly Queue<(TimeSpan Elapsed, int Completed)> _samples = new();
    private PushProgress _latest;
    private TimeSpan? _lastSample;

    /// <summary>Gets how many samples the rate is measured over.</summary>
    internal int SampleCount
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(PushProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            if (_lastSample is { } last && progress.Elapsed - last < SampleEvery)
            {
                return; // the rate is measured from the oldest sample to the latest progress, which was just kept
            }

            _lastSample = progress.Elapsed;
            _samples.Enqueue((progress.Elapsed, Sent(progress)));
            while (_samples.Count > 2 && progress.Elapsed - _samples.Peek().Elapsed > Window)
            {
                _samples.Dequeue();
            }
        }
    }

    public ProgressView View()
    {
        lock (_gate)
        {
            var rate = 0d;
            if (_samples.Count > 0)
            {
                var (since, completedThen) = _samples.Peek();
                var span = _latest.Elapsed - since;
                rate = span > TimeSpan.Zero ? (Sent(_latest) - completedThen) / span.TotalSeconds
                    : _latest.Elapsed > TimeSpan.Zero ? Sent(_latest) / _latest.Elapsed.TotalSeconds : 0;
            }

            return new ProgressView(_latest, rate, watch.Throttled, watch.Waited);
        }
    }

    private static int Sent(PushProgress progress) => progress.Completed - progress.NotAttempted;
}
