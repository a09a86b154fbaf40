namespace AdherenceSync.Tests.Support;

/// <summary>Where the repository and the build outputs of its samples are, seen from the test assembly.</summary>
internal static class RepositoryPaths
{
    /// <summary>Gets the folder that holds <c>AdherenceSync.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The build output of a sample, in the configuration the tests were built in. The solution builds it; it is not
    /// a reference of the tests, whose output would then take the sample's <c>appsettings.json</c>.
    /// </summary>
    /// <param name="project">The sample's project name.</param>
    /// <returns>The path of the sample's main assembly.</returns>
    public static string SampleAssembly(string project)
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = Path.Combine(Root, "samples", project, "bin", output.Parent!.Name, output.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AdherenceSync.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AdherenceSync.sln above {AppContext.BaseDirectory}.");
    }
}
