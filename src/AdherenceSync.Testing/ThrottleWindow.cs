namespace AdherenceSync.Testing;

/// <summary>A Retry-After the simulator gave: no request of <see cref="Token"/> (and <see cref="Queue"/>, when set) should arrive inside it.</summary>
internal sealed record ThrottleWindow(int Request, string? Token, string? Queue, DateTimeOffset Start, DateTimeOffset End);
