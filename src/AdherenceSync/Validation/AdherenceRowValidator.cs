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

    /// <summary>
    /// Validates rows lazily, without sending anything: each problem is yielded as soon as its row is read, and only a
    /// 128-bit key per row is kept, so input of any length can be streamed through.
    /// </summary>
    /// <param name="rows">The rows to check. They are read once, in order, as the result is enumerated.</param>
    /// <returns>Every problem found, in input order.</returns>
    public static IEnumerable<RowValidationError> ValidateEach(IEnumerable<AdherenceRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Iterate(rows);

        static IEnumerable<RowValidationError> Iterate(IEnumerable<AdherenceRow> rows)
        {
            var validator = new Validation.RowValidator();
            var errors = new List<RowValidationError>();
            var index = 0;
            foreach (var row in rows)
            {
                validator.Validate(row, index++, errors);
                foreach (var error in errors)
                {
                    yield return error;
                }

                errors.Clear();
            }
        }
    }
}
