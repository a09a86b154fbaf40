namespace AdherenceSync;

/// <summary>
/// One problem found in one input row before anything was sent.
/// </summary>
/// <param name="Index">The zero-based position of the row in the input.</param>
/// <param name="Field">The field that is wrong, named as on <see cref="AdherenceRow"/>.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record RowValidationError(int Index, string Field, string Message)
{
    /// <summary>
    /// Gets the index of the earlier row this one duplicates, for a <c>Duplicate</c> error.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? DuplicateOf { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"row {Index}, {Field}: {Message}";
}
