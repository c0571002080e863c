using System.Runtime.InteropServices;

namespace Baton.Bench.Report;

/// <summary>The machine a run was measured on, for the report's header.</summary>
public static class MachineInfo
{
    public static async Task<string> DescribeAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? (await File.ReadAllLinesAsync("/proc/cpuinfo")).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30;
        var nginx = await VersionOf("nginx", "-v");
        var curl = (await VersionOf("curl", "--version")).Split('\n')[0];
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory} GiB, "
               + $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}; {nginx.Trim()}; {curl.Trim()}";
    }

    private static async Task<string> VersionOf(string tool, string flag)
    {
        try
        {
            var run = await Baton.Testing.RunningProcess.RunAsync(tool, [flag], TimeSpan.FromSeconds(20));
            return run.Output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return tool + " (not installed)";
        }
    }
}
