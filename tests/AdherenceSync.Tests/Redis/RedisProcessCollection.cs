namespace AdherenceSync.Tests.Redis;

/// <summary>
/// The tests that start child processes against Redis run one after another, and apart from the rest of the suite:
/// their timing is real, and on a 2-core machine the other tests' load delayed requests enough to bunch them into 429s.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisProcessCollection
{
    public const string Name = "Redis processes";
}
