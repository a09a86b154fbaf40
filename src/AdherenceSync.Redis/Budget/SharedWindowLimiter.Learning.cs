using System.Threading.RateLimiting;
using AdherenceSync.Pacing;
using StackExchange.Redis;

namespace AdherenceSync.Redis.Budget;

/// <content>
/// The window learned from 429s, for a server that sends no rate-limit headers, kept in Redis for the whole token: every
/// instance's 429 teaches it (<see cref="TokenWindowScripts.Learn"/>) from every instance's grants, and every instance
/// paces by it, so that N instances learn as one client would (two 429s) and an instance that starts later begins from it.
/// </content>
internal sealed partial class SharedWindowLimiter
{
    /// <summary>The script's arguments on how long a learned allowance holds before a probe, and how long it is kept idle.</summary>
    private static readonly RedisValue[] LearningArguments =
    [
        RedisBudgetConstants.LearnedWindowsBeforeProbe,
        Milliseconds(WindowModel.MinTimeBeforeProbe),
        RedisBudgetConstants.LearnedWindowsKept,
        Milliseconds(RedisBudgetConstants.UnknownWindowKept),
    ];

    /// <summary>Learns the token's window from a 429 whose Retry-After points to <paramref name="reset"/>.</summary>
    /// <param name="sent">When the refused request was granted.</param>
    /// <param name="reset">When its Retry-After said the server's window resets.</param>
    /// <returns>
    /// Whether the 429 taught the window (<see langword="true"/>) or nothing (<see langword="false"/>: far below the
    /// allowance, and not seen twice); <see langword="null"/> when Redis cannot be reached, so that the instance learns alone.
    /// </returns>
    public bool? Learn(DateTimeOffset sent, DateTimeOffset reset)
    {
        if (_health.InFallback)
        {
            return null;
        }

        try
        {
            return Evaluate(
                TokenWindowScripts.Learn,
                [_keys[0], _keys[2]],
                [sent.ToUnixTimeMilliseconds(), reset.ToUnixTimeMilliseconds(), Milliseconds(_answerTime()), .. LearningArguments]) is { } ignored
                ? ignored == 0
                : null;
        }
        catch (SharedBudgetUnavailableException)
        {
            // Set to stop without Redis: the next send's permit halts the push, where a halt belongs, not the answer read here.
            return null;
        }
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    /// <summary>Gives the one place in flight back, unless it expired meanwhile and another send holds it.</summary>
    private async Task ReleaseAsync(string member)
    {
        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            await redis.GetDatabase().ScriptEvaluateAsync(TokenWindowScripts.Release, [_keys[3]], [member]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisHealth.IsUnavailable(e, CancellationToken.None))
        {
            // It expires by itself (RedisBudgetConstants.InFlightHeldAtMost).
            _health.OnFailure(e);
        }
    }

    /// <summary>A send granted the one place in flight of the token: disposed when its attempt ended (its answer read), it gives it back.</summary>
    private sealed class InFlightLease(SharedWindowLimiter owner, string member) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _ = owner.ReleaseAsync(member);
            }
        }
    }
}
