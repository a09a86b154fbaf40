using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AdherenceSync.Cli;
using AdherenceSync.Tests.Support;

namespace AdherenceSync.Tests.Documentation;

/// <summary>
/// Every default is told the same way in the three places a user reads it: the README's options table, the options'
/// XML docs (<c>&lt;value&gt;The default value is …</c>) and the CLI's <c>--help</c>, and each is the code's.
/// </summary>
public sealed partial class OptionDefaultsTests
{
    private static readonly IReadOnlyList<(string Path, PropertyInfo Property, object? Value)> Options = Leaves(new AdherenceSyncOptions(), string.Empty).ToList();

    [Fact]
    public void ReadmeOptionsTable_EveryOption_ListedWithTheCodesDefault()
    {
        var table = ReadmeTable();

        Assert.True(Options.Count > 25, $"only {Options.Count} options found");
        Assert.All(Options, option =>
        {
            Assert.True(table.TryGetValue(option.Path, out var written), $"README's options table has no row for {option.Path}");
            Assert.True(Same(option.Value, written!), $"README: {option.Path} defaults to '{written}', the code to '{option.Value ?? "null"}'");
        });
    }

    [Fact]
    public void XmlDocs_EveryOption_StateTheCodesDefault()
    {
        var docs = XDocument.Load(Path.ChangeExtension(typeof(AdherenceSyncOptions).Assembly.Location, ".xml"));
        var values = docs.Descendants("member")
            .Where(m => m.Element("value") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => m.Element("value")!);

        Assert.All(Options, option =>
        {
            var key = $"P:{option.Property.DeclaringType!.FullName}.{option.Property.Name}";
            Assert.True(values.TryGetValue(key, out var value), $"{option.Path} has no <value> doc");
            var written = XmlDefault(value!);
            Assert.True(Same(option.Value, written), $"XML docs: {option.Path} defaults to '{written}', the code to '{option.Value ?? "null"}'");
        });
    }

    [Theory]
    [InlineData("--batch-size", nameof(AdherenceSyncOptions.BatchSize))]
    [InlineData("--max-parallel-queues", nameof(AdherenceSyncOptions.MaxParallelQueues))]
    [InlineData("--requests-per-minute", "Pacing.RequestsPerMinute")]
    public void PushHelp_OptionOfTheLibrary_StatesTheCodesDefault(string name, string path)
    {
        var root = CliApp.CreateRoot(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, Variables = new Dictionary<string, string?>() });
        var option = root.Subcommands.Single(c => c.Name == "push").Options.Single(o => o.Name == name);

        var written = HelpDefault().Match(option.Description!).Groups["value"].Value;

        Assert.True(Same(Options.Single(o => o.Path == path).Value, written), $"push --help: {name} defaults to '{written}', the code to '{Options.Single(o => o.Path == path).Value ?? "null"}'");
    }

    /// <summary>Whether a default written for a person is the value in the code.</summary>
    private static bool Same(object? value, string written)
    {
        written = written.Trim().TrimEnd('.');
        return value switch
        {
            null => written is "—" or "none" or "derived" || written.StartsWith("none ", StringComparison.Ordinal) || written.StartsWith("none;", StringComparison.Ordinal) || written == "null",
            bool b => string.Equals(written, b ? "true" : "false", StringComparison.Ordinal),
            TimeSpan t => Duration(written) == t,
            int i => int.TryParse(written, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n == i,
            double d => double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x == d,
            _ => false,
        };
    }

    private static TimeSpan? Duration(string written)
    {
        var match = DurationText().Match(written);
        if (!match.Success)
        {
            return null;
        }

        var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" or "second" or "seconds" => TimeSpan.FromSeconds(amount),
            "min" or "minute" or "minutes" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
    }

    /// <summary>The words after "The default value is", up to the first <c>:</c>, <c>.</c> or <c>(</c> that ends them.</summary>
    private static string XmlDefault(XElement value)
    {
        var langword = value.Elements("see").FirstOrDefault()?.Attribute("langword")?.Value;
        var text = string.Concat(value.Nodes().Select(n => n is XText t ? t.Value : n is XElement e ? e.Attribute("langword")?.Value ?? string.Empty : string.Empty));
        var match = XmlValueText().Match(text);
        return match.Success ? match.Groups["value"].Value : langword ?? text;
    }

    /// <summary>The README's options table: each option path (the <c>A.B</c> / <c>.C</c> rows give two) to its default.</summary>
    private static Dictionary<string, string> ReadmeTable()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in MarkdownSection.Lines("README.md", "Options").Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var names = cells[1].Split('/', StringSplitOptions.TrimEntries).Select(n => n.Trim('`')).ToArray();
            var defaults = cells[2].Split('/', StringSplitOptions.TrimEntries);
            var parent = names[0].Contains('.', StringComparison.Ordinal) ? names[0][..names[0].LastIndexOf('.')] : string.Empty;
            for (var i = 0; i < names.Length; i++)
            {
                table[names[i].StartsWith('.') ? parent + names[i] : names[i]] = defaults[Math.Min(i, defaults.Length - 1)];
            }
        }

        return table;
    }

    /// <summary>Every public settable option, nested option classes walked into, with its default.</summary>
    private static IEnumerable<(string, PropertyInfo, object?)> Leaves(object options, string prefix)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var value = property.GetValue(options);
            if (property.PropertyType.Namespace == typeof(AdherenceSyncOptions).Namespace && property.PropertyType.IsClass)
            {
                foreach (var leaf in Leaves(value!, prefix + property.Name + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + property.Name, property, value);
            }
        }
    }

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>ms|s|seconds?|min|minutes?|h|hours?)\b")]
    private static partial Regex DurationText();

    [GeneratedRegex(@"The default value is (?<value>.+?)(:|\. |\.$| \(|$)")]
    private static partial Regex XmlValueText();

    [GeneratedRegex(@"Default: (?<value>[^.;]+)")]
    private static partial Regex HelpDefault();
}
