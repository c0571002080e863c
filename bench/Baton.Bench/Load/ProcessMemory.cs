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

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
