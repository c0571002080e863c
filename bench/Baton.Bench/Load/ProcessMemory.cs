namespace Baton.Bench.Load;

/// <summary>Resident memory of a process from /proc: current (VmRSS) and the kernel's own peak (VmHWM).</summary>
public static class ProcessMemory
{
    public static (double RssMiB, double PeakMiB) Read(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024;
            }
        }
        return (rss, peak);
    }

    /// <summary>Resets the kernel's peak RSS (VmHWM) of the process to its current RSS (proc(5): clear_refs, value 5).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    /// <summary>Threads of the process now (the Threads: line).</summary>
    public static int Threads(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                return int.Parse(line.AsSpan(8).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>Resident memory by kind (RssAnon, RssFile, RssShmem) in MiB, for attributing a peak.</summary>
    public static string Breakdown(int pid) => string.Join(' ', File.ReadLines($"/proc/{pid}/status")
        .Where(l => l.StartsWith("Rss", StringComparison.Ordinal))
        .Select(l => $"{l.Split(':')[0]} {Kilobytes(l) / 1024:F0}"));

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
