using System.Diagnostics;

namespace AdherenceSync.Tests.Support;

/// <summary>Waits, in real time, for something another process or thread does.</summary>
internal static class Eventually
{
    /// <summary>Polls every 5 ms until a condition holds, failing after a timeout.</summary>
    /// <param name="condition">What must come true.</param>
    /// <param name="timeout">How long, in real time, it may take.</param>
    /// <param name="failure">The assertion message when it does not.</param>
    /// <param name="turn">Runs before each poll, such as moving a fake clock that the awaited work depends on.</param>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string failure, Action? turn = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            turn?.Invoke();
            Assert.True(watch.Elapsed < timeout, failure);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
