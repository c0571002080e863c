using Baton.Testing;

namespace Baton.Bench;

/// <summary>Where things are and how much to measure; shared by every case.</summary>
public sealed class BenchContext(string repositoryRoot, string work, int rounds, bool quick)
{
    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>Scratch folder for data files and peer state (deleted at the end).</summary>
    public string Work { get; } = work;

    /// <summary>Rounds per contender; contenders alternate within each round.</summary>
    public int Rounds { get; } = rounds;

    /// <summary>Smaller files and shorter runs, for checking the harness itself.</summary>
    public bool Quick { get; } = quick;

    public string BatonDll => Path.Combine(RepositoryRoot, "src", "Baton.Cli", "bin", "Release", "net10.0", "baton.dll");

    public string StaticFilesPeerDll => Path.Combine(RepositoryRoot, "bench", "StaticFilesPeer", "bin", "Release", "net10.0", "StaticFilesPeer.dll");

    /// <summary>A file of <paramref name="length"/> random bytes in the work folder, created once and dated in the past.</summary>
    public string DataFile(string folder, string name, long length)
    {
        var directory = Path.Combine(Work, folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (!File.Exists(path) || new FileInfo(path).Length != length)
        {
            using var stream = File.Create(path);
            var buffer = new byte[1 << 20];
            var random = new Random(42);
            for (long written = 0; written < length; written += buffer.Length)
            {
                random.NextBytes(buffer);
                stream.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
            }
        }
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }

    /// <summary>Runs a command to completion and returns its output; throws with the output when it fails.</summary>
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var run = await RunningProcess.RunAsync(file, arguments, TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
        }
        return run.Output;
    }
}
