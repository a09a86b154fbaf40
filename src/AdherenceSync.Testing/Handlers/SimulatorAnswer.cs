using WireMock;

namespace AdherenceSync.Testing.Handlers;

/// <summary>A handler's answer, and what the audit should record of the request.</summary>
internal sealed record SimulatorAnswer(ResponseMessage Message, int StatusCode, string? AgentId = null, string? QueueId = null, string? Org = null);
