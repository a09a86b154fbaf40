using AdherenceSync.Genesys;

namespace AdherenceSync;

/// <content>The row in the platform's words: the body of its write.</content>
public sealed partial class AdherenceRow
{
    internal ExplanationRequestBody ToRequestBody() => new()
    {
        Type = Type,
        StartDate = StartDate,
        LengthMinutes = LengthMinutes,
        Notes = Notes,
        Status = Status,
    };
}
