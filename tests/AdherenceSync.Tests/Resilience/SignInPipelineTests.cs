using AdherenceSync.Authentication;
using AdherenceSync.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AdherenceSync.Tests.Resilience;

public sealed class SignInPipelineTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_SignInFailsTwice_WaitsTheBackoffThatUseJitterAsksFor(bool useJitter)
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var pipeline = SignInPipeline.Create(new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), UseJitter = useJitter }, time);
        var attempts = new List<TimeSpan>();

        var signIn = pipeline.ExecuteAsync(
            _ =>
            {
                attempts.Add(time.GetUtcNow() - start);
                return attempts.Count < 3 ? throw new AccessTokenException("endpoint answered 503", credentialsRejected: false) : ValueTask.CompletedTask;
            },
            TestContext.Current.CancellationToken).AsTask();
        while (!signIn.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await signIn;
        var waits = new[] { attempts[1] - attempts[0], attempts[2] - attempts[1] };
        if (useJitter)
        {
            // Polly's exponential jitter draws each wait: two draws that both hit 1 s and 2 s to the millisecond are
            // not what jitter gives.
            Assert.NotEqual([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        }
        else
        {
            Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        }
    }
}
