using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Baton.Testing;

/// <summary>
/// An external program under test (curl, nginx, node, the baton CLI…): output captured line by line, waitable without sleeps,
/// and killable with SIGKILL to simulate a crash. Disposing kills whatever is still running.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamsOpen = 2;

    private RunningProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything printed so far on stdout and stderr, interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => running.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {fileName}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs to completion (or kills it after <paramref name="timeout"/>, failing the test).</summary>
    public static async Task<RunningProcess> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var process = Start(fileName, arguments, workingDirectory, environment);
        await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return process;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _streamsOpen) == 0)
            {
                _lines.Writer.TryComplete();
                _ = _process.WaitForExitAsync().ContinueWith(_ => _exited.TrySetResult(), TaskScheduler.Default);
            }
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        _lines.Writer.TryWrite(line);
    }

    /// <summary>Waits until a printed line satisfies <paramref name="predicate"/> and returns it; fails if the process ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cts.Token))
            {
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching line within the timeout; output so far:\n{Output}");
        }
        throw new InvalidOperationException($"the process ended without printing a matching line; output:\n{Output}");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _exited.Task.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"process did not exit within {timeout}; output:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no cleanup code in the process runs, as in a crash or power loss of the process.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Kills the process and waits until the OS has reaped it.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
