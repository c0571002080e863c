using System.Diagnostics;
using Baton.Testing;

namespace Baton.Bench.Cases;

/// <summary>Wall-clock time of a whole command as a user runs it (process start to exit), with the output file checked.</summary>
public static class TimedCommand
{
    /// <summary>Runs a command that sends <paramref name="bytes"/> somewhere and returns MiB/s; <paramref name="after"/> checks and
    /// cleans up what it left (an uploaded file) and is not timed.</summary>
    public static async Task<double> SendAsync(long bytes, Action after, IDictionary<string, string?>? environment, string file, params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var run = await RunningProcess.RunAsync(file, arguments, TimeSpan.FromMinutes(10), environment: environment);
        watch.Stop();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({run.ExitCode}):\n{run.Output}");
        }
        after();
        return bytes / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs the command after deleting <paramref name="output"/> (and its side files), checks the file has
    /// <paramref name="expectedLength"/> bytes, and returns MiB/s.</summary>
    public static async Task<double> ThroughputAsync(string output, long expectedLength, string file, params string[] arguments)
    {
        foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(output)!, Path.GetFileName(output) + "*"))
        {
            File.Delete(leftover);
        }
        var watch = Stopwatch.StartNew();
        var run = await RunningProcess.RunAsync(file, arguments, TimeSpan.FromMinutes(10));
        watch.Stop();
        if (run.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length != expectedLength)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({run.ExitCode}):\n{run.Output}");
        }
        File.Delete(output);
        return expectedLength / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }
}
