using System.Globalization;

namespace Baton.Server.Tests.Operations;

/// <summary>A parsed Prometheus text exposition: the value of each sample by its name and labels as written.</summary>
public sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sample <paramref name="name"/> whose labels include every pair in <paramref name="labels"/> (e.g.
    /// <c>type="urn:…"</c>), summed over the matching series; 0 when none.</summary>
    public double Value(string name, params string[] labels) => Text.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(SampleValue);

    // name{labels} value [timestamp]: the value is the first field after the labels (or the name).
    private static double SampleValue(string line)
    {
        var rest = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ')..];
        return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
