using Baton.Faults.Tests.Trials;

namespace Baton.Faults.Tests.Uploads;

/// <summary>Faults timed by <see cref="LastByteWatcher"/>: right after the file's last byte reached the server, before its answer.</summary>
public static class LastByteFaults
{
    /// <summary>Cuts (FIN) or resets (RST) the connection that carried the last byte.</summary>
    public static void Cut(Trial trial, byte[] content, bool reset)
    {
        trial.Log($"{(reset ? "reset" : "cut")} the connection right after the last byte");
        trial.OnForwarded = new LastByteWatcher(content, connection => trial.Proxy.Cut(connection, reset)).Observe;
    }

    /// <summary>Sends SIGKILL to the server at that moment; the task completes once the signal is sent (restart it then).</summary>
    public static Task KillServer(Trial trial, byte[] content)
    {
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = trial.Server;
        trial.OnForwarded = new LastByteWatcher(content, _ =>
        {
            server.Process.Kill();
            killed.TrySetResult();
        }).Observe;
        return killed.Task;
    }
}
