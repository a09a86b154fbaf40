namespace AdherenceSync.Testing;

/// <summary>A Retry-After the simulator gave: no request on <see cref="Budget"/> (and <see cref="Queue"/>, when set) should arrive inside it.</summary>
internal sealed record ThrottleWindow(int Request, string? Budget, string? Queue, DateTimeOffset Start, DateTimeOffset End);
