namespace AdherenceSync.Push;

/// <summary>A row to send, with what the push learned of it before its turn.</summary>
/// <param name="Index">The row's position in the input.</param>
/// <param name="Row">The row.</param>
/// <param name="Key">Its content key (<see cref="RowKey"/>), computed once when it was validated: the checkpoint records it.</param>
/// <param name="StartedEarlier">An earlier run started this row and did not see it through: the platform is asked before it is written.</param>
internal readonly record struct PlannedRow(int Index, AdherenceRow Row, UInt128 Key, bool StartedEarlier = false);
