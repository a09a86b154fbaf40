namespace AdherenceSync.Cli.Commands;

/// <summary>
/// Refuses an output file that is the input, or the other output: JSON lines appended to the user's CSV, or a report
/// written over the checkpoint, would destroy what the push reads or resumes from.
/// </summary>
internal static class OutputPaths
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparer.OrdinalIgnoreCase
        : StringComparer.Ordinal;

    /// <summary>Returns the error to print, or <see langword="null"/> when every output is a file of its own.</summary>
    public static string? Check(FileInfo input, FileInfo? report, FileInfo? checkpoint)
    {
        var inputPath = Resolve(input);
        var reportPath = report is null ? null : Resolve(report);
        var checkpointPath = checkpoint is null ? null : Resolve(checkpoint);
        if (checkpointPath is not null && PathComparer.Equals(checkpointPath, inputPath))
        {
            return $"error: --checkpoint is the input file ({input.FullName}); give it a file of its own. Nothing was sent.";
        }

        if (reportPath is not null && PathComparer.Equals(reportPath, inputPath))
        {
            return $"error: --report is the input file ({input.FullName}); give it a file of its own. Nothing was sent.";
        }

        return reportPath is not null && checkpointPath is not null && PathComparer.Equals(reportPath, checkpointPath)
            ? $"error: --report and --checkpoint are the same file ({report!.FullName}); give each a file of its own. Nothing was sent."
            : null;
    }

    /// <summary>The full path, through a symbolic link to what it points at, so that a link to the input is the input.</summary>
    private static string Resolve(FileInfo file)
    {
        try
        {
            return file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file.FullName);
        }
        catch (IOException)
        {
            return Path.GetFullPath(file.FullName);
        }
    }
}
