namespace AdherenceSync.Genesys;

/// <summary>A reference to another entity: <c>{ "id" }</c>.</summary>
internal sealed class EntityRef
{
    public string? Id { get; init; }
}
