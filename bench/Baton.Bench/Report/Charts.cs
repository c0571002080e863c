using Baton.Bench.Stats;
using ScottPlot;

namespace Baton.Bench.Report;

/// <summary>One bar chart per case: medians with min–max whiskers.</summary>
public static class Charts
{
    public static void Save(CaseResult result, string path)
    {
        var plot = new Plot();
        for (var i = 0; i < result.Summaries.Count; i++)
        {
            var summary = result.Summaries[i];
            var bar = plot.Add.Bar(position: i, value: summary.Median);
            bar.Color = summary.Contender.StartsWith("Baton", StringComparison.Ordinal) ? Colors.SteelBlue : Colors.Gray;
            var whisker = plot.Add.Line(i, summary.Min, i, summary.Max); // min–max of the rounds
            whisker.Color = Colors.Black;
            whisker.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. result.Summaries.Select((s, i) => new Tick(i, Wrap(s.Contender)))]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(result.Title);
        plot.YLabel(result.Unit + (result.HigherIsBetter ? " (higher is better)" : " (lower is better)"));
        plot.SavePng(path, 900, 480);
    }

    private static string Wrap(string label) => label.Length <= 18 ? label : label.Replace(", ", "\n", StringComparison.Ordinal).Replace(" sendfile", "\nsendfile", StringComparison.Ordinal);
}
