using System.Globalization;
using AdherenceSync.Testing;

namespace AdherenceSync.Cli.Output;

/// <summary>What a simulator saw, as the demo and <c>simulate</c> print it.</summary>
internal static class SimulatorAudit
{
    /// <summary>Requests already on the wire when another queue's request was throttled are not counted as ignoring it.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(100);

    public static Task WriteAsync(TextWriter output, WfmSimulator simulator)
        => output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""

            What the simulator saw
              requests received            {simulator.Requests.Count}
              answered 429                 {simulator.ThrottledCount}
              explanations stored          {simulator.Writes.Count}
              stored more than once        {simulator.FindDuplicateWrites().Count}
              queue overlaps               {simulator.FindQueueOverlaps().Count}
              sent inside a Retry-After    {simulator.FindRetryAfterViolations(InFlightGrace).Count}
            """));
}
