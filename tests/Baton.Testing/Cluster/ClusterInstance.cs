using System.Diagnostics;

namespace Baton.Testing.Cluster;

/// <summary>
/// One <c>baton serve</c> of a <see cref="ClusterRig"/>: its own address (to bypass nginx), its pid (to <c>kill -9</c> it) and its
/// log, where ASP.NET Core's hosting diagnostics record every request as it starts and as it finishes.
/// </summary>
public sealed record ClusterInstance(string Id, Uri Url, int Pid, string LogPath)
{
    /// <summary>Requests this instance has started, by method, whose target contains <paramref name="pathPart"/>.</summary>
    public int Started(string method, string pathPart) => Count($"Request starting HTTP/1.1 {method} ", pathPart);

    /// <summary>Requests this instance has finished, by method, whose target contains <paramref name="pathPart"/>.</summary>
    public int Finished(string method, string pathPart) => Count($"Request finished HTTP/1.1 {method} ", pathPart);

    /// <summary>Lines of the log containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Lines(string text) => [.. ReadLog().Where(l => l.Contains(text, StringComparison.Ordinal))];

    /// <summary>SIGKILL, as a crash or a power loss of this instance: no cleanup runs; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            using var process = Process.GetProcessById(Pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            return; // already gone
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (IsRunning)
        {
            // Not our child (the start script's): nothing to wait on but /proc; reaped by init within milliseconds.
            await Task.Delay(20, deadline.Token);
        }
    }

    public bool IsRunning => File.Exists($"/proc/{Pid}/stat") && File.ReadAllText($"/proc/{Pid}/stat").Split(' ')[2] != "Z";

    private int Count(string prefix, string pathPart) =>
        ReadLog().Count(l => l.IndexOf(prefix, StringComparison.Ordinal) is var at and >= 0
                             && l.IndexOf(pathPart, at + prefix.Length, StringComparison.Ordinal) >= 0);

    private IEnumerable<string> ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }
}
