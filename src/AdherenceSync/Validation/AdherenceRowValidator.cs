namespace AdherenceSync;

/// <summary>
/// Checks input rows the way a push does before it sends anything.
/// </summary>
public static class AdherenceRowValidator
{
    /// <summary>
    /// Validates rows without sending anything.
    /// </summary>
    /// <param name="rows">The rows to check. They are read once, in order.</param>
    /// <returns>Every problem found, in input order; empty when the rows are valid.</returns>
    public static IReadOnlyList<RowValidationError> Validate(IEnumerable<AdherenceRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);

        var validator = new Validation.RowValidator();
        var errors = new List<RowValidationError>();
        var index = 0;
        foreach (var row in rows)
        {
            validator.Validate(row, index++, errors);
        }

        return errors;
    }
}
