using WireMock;

namespace AdherenceSync.Testing.Handlers;

/// <summary>One request as the simulator's handlers see it.</summary>
internal sealed record SimulatorCall(int Number, DateTimeOffset ArrivedAt, string Method, string Path, string? Token, IRequestMessage Request)
{
    public static string? BearerToken(IRequestMessage request)
    {
        var header = request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
