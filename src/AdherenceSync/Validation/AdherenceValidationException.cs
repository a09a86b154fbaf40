namespace AdherenceSync;

/// <summary>
/// The exception thrown when input rows are invalid. Nothing was sent.
/// </summary>
public sealed class AdherenceValidationException : Exception
{
    private const int ErrorsInMessage = 20;

    /// <summary>
    /// Initializes a new instance of the <see cref="AdherenceValidationException"/> class.
    /// </summary>
    /// <param name="errors">Every problem found; at least one.</param>
    public AdherenceValidationException(IReadOnlyList<RowValidationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>
    /// Gets every problem found in the input, in input order.
    /// </summary>
    public IReadOnlyList<RowValidationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<RowValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = string.Join(Environment.NewLine, errors.Take(ErrorsInMessage));
        var more = errors.Count > ErrorsInMessage ? $"{Environment.NewLine}... and {errors.Count - ErrorsInMessage} more." : string.Empty;
        return $"{errors.Count} invalid input row(s); nothing was sent.{Environment.NewLine}{shown}{more}";
    }
}
