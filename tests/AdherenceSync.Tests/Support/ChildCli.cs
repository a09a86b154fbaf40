using System.Diagnostics;
using System.Text;
using AdherenceSync.Cli;

namespace AdherenceSync.Tests.Support;

/// <summary>The CLI running in a real child process, its standard output kept.</summary>
internal sealed class ChildCli : IDisposable
{
    private readonly StringBuilder _output = new();

    private ChildCli(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Gets what the child wrote to standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="args">The CLI's arguments.</param>
    /// <param name="environment">Variables to set in the child's environment.</param>
    /// <param name="workingDirectory">The test's own directory, so that no stray <c>appsettings.json</c> is read.</param>
    public static ChildCli Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var child = new ChildCli(Process.Start(start)!);
        child.Process.OutputDataReceived += (_, line) =>
        {
            lock (child._output)
            {
                child._output.AppendLine(line.Data);
            }
        };
        child.Process.ErrorDataReceived += (_, _) => { };
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the child to exit, and for its output to be read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        return Process.ExitCode;
    }

    public void Dispose() => Process.Dispose();
}
