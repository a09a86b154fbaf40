namespace AdherenceSync.Push;

/// <summary>A row and its position in the input.</summary>
internal readonly record struct PlannedRow(int Index, AdherenceRow Row);
