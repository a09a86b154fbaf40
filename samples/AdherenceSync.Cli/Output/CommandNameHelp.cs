using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace AdherenceSync.Cli.Output;

/// <summary>
/// Help whose usage line shows the installed command's name (<see cref="CliApp.CommandName"/>). System.CommandLine
/// names the root after the running assembly, which is <c>AdherenceSync.Cli</c> whether run as a tool or with
/// <c>dotnet run</c>; the assembly cannot take the command's name, since assembly names ignore case and
/// <c>AdherenceSync</c> is the library's. The help is written as System.CommandLine writes it, then its usage lines
/// are renamed.
/// </summary>
internal sealed class CommandNameHelp(HelpAction help) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <summary>Makes the help of <paramref name="root"/> and of every command under it show the command's name.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction help)
            {
                option.Action = new CommandNameHelp(help);
            }
        }
    }

    /// <summary>Renames the running assembly to the command in each usage line of <paramref name="help"/>.</summary>
    public static string Rename(string help, string executableName) => help.Replace(
        $"{Environment.NewLine}  {executableName}", $"{Environment.NewLine}  {CliApp.CommandName}", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var written = new StringWriter();
        configuration.Output = written;
        try
        {
            help.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(Rename(written.ToString(), RootCommand.ExecutableName));
        return 0;
    }
}
