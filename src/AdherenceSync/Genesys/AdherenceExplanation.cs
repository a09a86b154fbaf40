namespace AdherenceSync.Genesys;

/// <summary>An explanation as the platform stores it.</summary>
internal sealed class AdherenceExplanation
{
    public string? Id { get; init; }

    public EntityRef? Agent { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? StartDate { get; init; }

    public int? LengthMinutes { get; init; }

    public string? Notes { get; init; }
}
