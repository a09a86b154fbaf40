namespace AdherenceSync.Testing.Handlers;

/// <summary>Who sent a request: its token and, for an issued token, its organisation.</summary>
internal sealed record SimulatorIdentity(string Token, string? Org)
{
    /// <summary>Gets the budget the request counts against: the organisation's, else the token's.</summary>
    public string Budget => Org ?? Token;
}
