using AdherenceSync.Cli.Csv;
using AdherenceSync.Cli.Output;

namespace AdherenceSync.Cli.Commands;

/// <summary>The first pass over an input file, shared by <c>validate</c> and <c>push</c>: checks every line, keeps no row.</summary>
internal static class InputFile
{
    /// <returns>The check, whether or not it found problems; <see langword="null"/> when the file does not exist.</returns>
    public static async Task<CsvCheck?> CheckAsync(CliEnvironment environment, FileInfo file, int maxRows, OutputFormat format)
    {
        if (!file.Exists)
        {
            await environment.Error.WriteLineAsync($"error: --input '{file}' does not exist; nothing was sent.");
            return null;
        }

        CsvCheck check;
        using (var reader = file.OpenText())
        {
            check = CsvRowReader.Check(reader, maxRows);
        }

        if (format == OutputFormat.Json && !check.IsValid)
        {
            await CliJson.WriteAsync(environment.Out, ValidationDocument.From(file.Name, check));
        }

        if (!check.IsValid)
        {
            await WriteErrorsAsync(environment.Error, file.Name, check);
        }

        return check;
    }

    private static async Task WriteErrorsAsync(TextWriter error, string file, CsvCheck check)
    {
        await error.WriteLineAsync($"error: {check.ErrorCount} problem(s) in {file}; nothing was sent.");
        foreach (var problem in check.Errors)
        {
            await error.WriteLineAsync(problem.Format(file));
        }

        if (check.ErrorCount > check.Errors.Count)
        {
            await error.WriteLineAsync($"... and {check.ErrorCount - check.Errors.Count} more.");
        }
    }
}
