namespace AdherenceSync.Tests.Redis;

/// <summary>The tests that start child processes against Redis run one after another: their timing is real.</summary>
[CollectionDefinition(Name)]
public sealed class RedisProcessCollection
{
    public const string Name = "Redis processes";
}
