namespace AdherenceSync.Cli.Csv;

/// <summary>One problem in the input file: its line (header = 1), the column, and what is wrong.</summary>
internal sealed record InputError(int Line, string Column, string Message)
{
    public string Format(string file) => $"{file}:{Line}: {Column}: {Message}";
}
