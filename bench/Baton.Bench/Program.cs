using Baton.Bench;
using Baton.Bench.Cases;
using Baton.Bench.Report;
using Baton.Bench.Stats;
using Baton.Testing;

// usage: Baton.Bench [--rounds N] [--only id,id] [--quick] [--no-micro]
var rounds = 5;
string[]? only = null;
var quick = false;
var micro = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--only": only = args[++i].Split(','); break;
        case "--quick": quick = true; break;
        case "--no-micro": micro = false; break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: Baton.Bench [--rounds N] [--only id,id] [--quick] [--no-micro]");
            return 2;
    }
}

var repository = BatonCli.RepositoryRoot;
var work = Directory.CreateTempSubdirectory("baton-bench-").FullName;
// nginx workers run as an unprivileged user: the data must be readable by others.
File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
var context = new BenchContext(repository, work, rounds, quick);
IBenchCase[] cases =
[
    new DownloadOneClientCase(), new RandomRangesCase(), new UploadCase(), new ClientDownloadCase(), new SegmentedDownloadCase(), new MemoryCase(), new S3Case(),
    new ClusterCase(),
];
var results = new List<CaseResult>();
var docs = Path.Combine(repository, "docs");
Directory.CreateDirectory(Path.Combine(docs, "bench"));
try
{
    foreach (var benchCase in cases.Where(c => only is null || only.Contains(c.Id)))
    {
        Console.WriteLine($"== {benchCase.Id}");
        var result = await benchCase.RunAsync(context);
        results.Add(result);
        Charts.Save(result, Path.Combine(docs, "bench", result.Id + ".png"));
    }
    var microTables = micro && (only is null || only.Contains("micro")) ? await MicroBenchmarks.RunAsync(context) : null;
    var analysisFile = Path.Combine(repository, "bench", "analysis.md");
    var analysis = File.Exists(analysisFile) ? await File.ReadAllLinesAsync(analysisFile) : [];
    var command = "bench/run.sh" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
    var when = DateTimeOffset.UtcNow;
    var report = MarkdownReport.Render(await MachineInfo.DescribeAsync(), command, when, rounds, results, microTables, analysis);
    var page = Path.Combine(docs, "benchmarks.md");
    if (only is not null && File.Exists(page))
    {
        // A partial run updates its own cases' goals and sections and keeps the rest of the page.
        report = ReportMerge.Merge(await File.ReadAllTextAsync(page), report, only, command, when);
    }
    else if (File.Exists(page))
    {
        report = ReportMerge.KeepForeign(await File.ReadAllTextAsync(page), report);
    }
    await File.WriteAllTextAsync(page, report);
    Console.WriteLine(report);
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}
