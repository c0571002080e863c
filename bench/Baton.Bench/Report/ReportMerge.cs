using System.Text;

namespace Baton.Bench.Report;

/// <summary>
/// A run of some cases (<c>--only</c>) updates docs/benchmarks.md in place: the goal rows and the <c>## id:</c> sections of the
/// cases that ran are replaced (each marked with the command and time it came from), everything else — other cases' sections
/// from the full run named at the top, sections written by other scripts (e.g. <c>## instant-upload</c>) — is kept; the analysis is
/// bench/analysis.md as it is now. Without this a partial run replaced the whole page with its own cases.
/// A full run replaces the page but keeps the sections other scripts wrote (<see cref="KeepForeign"/>).
/// </summary>
public static class ReportMerge
{
    public static string Merge(string existing, string partial, IReadOnlyCollection<string> ranIds, string command, DateTimeOffset when)
    {
        var old = Sections.Parse(existing);
        var fresh = Sections.Parse(partial);
        var stamp = $"This section is from `{command}` on {when:yyyy-MM-dd HH:mm} UTC (the other sections from the run named at the top).";
        var md = new StringBuilder(old.Preamble);
        // Cases that had no section yet go before the analysis (or last, on a page without one).
        var added = fresh.Items.Where(i => IdOf(i.Heading) is { } id && ranIds.Contains(id) && old.Find(id) is null).ToList();
        foreach (var (heading, body) in old.Items)
        {
            if (heading == "## Analysis")
            {
                AppendSections(md, added, stamp);
            }
            md.Append(heading).Append('\n');
            if (heading == "## Analysis" && fresh.Body(heading) is { } analysis)
            {
                md.Append(analysis); // bench/analysis.md as it is now
            }
            else if (heading == "## Goals")
            {
                md.Append(MergeGoals(body, fresh.Body("## Goals") ?? "", ranIds));
            }
            else if (IdOf(heading) is { } id && ranIds.Contains(id) && fresh.Find(id) is { } replacement)
            {
                md.Append(Stamped(replacement.Body, stamp));
            }
            else
            {
                md.Append(body);
            }
        }
        AppendSections(md, added, stamp);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// A full run's page keeps the sections other scripts wrote (e.g. <c>## instant-upload</c>, bench/instant-*.sh), which the
    /// harness cannot regenerate, in their place before the analysis; without this a full run dropped them.
    /// </summary>
    public static string KeepForeign(string existing, string full)
    {
        var fresh = Sections.Parse(full);
        var foreign = Sections.Parse(existing).Items.Where(i => IdOf(i.Heading) is { } id && fresh.Find(id) is null).ToList();
        if (foreign.Count == 0)
        {
            return full;
        }
        var md = new StringBuilder(fresh.Preamble);
        foreach (var (heading, body) in fresh.Items)
        {
            if (heading == "## Analysis")
            {
                AppendSections(md, foreign, stamp: null);
            }
            md.Append(heading).Append('\n').Append(body);
        }
        AppendSections(md, foreign, stamp: null);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A fresh section's body with the stamp first: after the table, chart and notes it would be buried.</summary>
    private static string Stamped(string body, string stamp) => "\n" + stamp + "\n" + body;

    /// <summary>Appends <paramref name="sections"/> (each body stamped, unless <paramref name="stamp"/> is null) and empties the list,
    /// so a second call at the end of the page adds nothing twice.</summary>
    private static void AppendSections(StringBuilder md, List<(string Heading, string Body)> sections, string? stamp)
    {
        foreach (var (heading, body) in sections)
        {
            md.Append(heading).Append('\n').Append(stamp is null ? body : Stamped(body, stamp));
        }
        sections.Clear();
    }

    private static string? IdOf(string heading) =>
        heading.StartsWith("## ", StringComparison.Ordinal) && heading.IndexOf(':', StringComparison.Ordinal) is > 3 and var colon
            ? heading[3..colon]
            : null;

    /// <summary>Rows of the cases that ran come from the new table, in the old table's place; other rows stay.</summary>
    private static string MergeGoals(string oldBody, string newBody, IReadOnlyCollection<string> ranIds)
    {
        var newRows = newBody.Split('\n').Where(l => RowId(l) is { } id && ranIds.Contains(id)).ToList();
        var lines = new List<string>();
        var inserted = false;
        foreach (var line in oldBody.Split('\n'))
        {
            if (RowId(line) is { } id && ranIds.Contains(id))
            {
                if (!inserted)
                {
                    lines.AddRange(newRows);
                    inserted = true;
                }
                continue;
            }
            lines.Add(line);
        }
        if (!inserted)
        {
            var last = lines.FindLastIndex(l => l.StartsWith("| ", StringComparison.Ordinal));
            lines.InsertRange(last + 1, newRows);
        }
        return string.Join('\n', lines);
    }

    private static string? RowId(string line) =>
        line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| case ", StringComparison.Ordinal)
            && !line.StartsWith("| ---", StringComparison.Ordinal)
            ? line[2..line.IndexOf(" |", 1, StringComparison.Ordinal)]
            : null;

    /// <summary>A page cut at its second-level headings: the text before the first, then (heading, body) pairs in order.</summary>
    private sealed record Sections(string Preamble, List<(string Heading, string Body)> Items)
    {
        public static Sections Parse(string text)
        {
            var items = new List<(string, string)>();
            var preamble = new StringBuilder();
            string? heading = null;
            var body = new StringBuilder();
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    if (heading is not null)
                    {
                        items.Add((heading, body.ToString()));
                    }
                    heading = line;
                    body.Clear();
                }
                else if (heading is null)
                {
                    preamble.Append(line).Append('\n');
                }
                else
                {
                    body.Append(line).Append('\n');
                }
            }
            if (heading is not null)
            {
                items.Add((heading, body.ToString()));
            }
            return new Sections(preamble.ToString(), items);
        }

        public string? Body(string heading) => Items.FirstOrDefault(i => i.Heading == heading).Body;

        public (string Heading, string Body)? Find(string id) =>
            Items.Cast<(string, string)?>().FirstOrDefault(i => IdOf(i!.Value.Item1) == id);
    }
}
