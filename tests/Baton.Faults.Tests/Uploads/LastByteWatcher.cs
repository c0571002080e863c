using Baton.Testing.Faults;

namespace Baton.Faults.Tests.Uploads;

/// <summary>
/// Recognises, in the request bytes a <see cref="FaultProxy"/> forwards, the moment the file's last byte has reached the server
/// (its last 64 bytes, random content, cannot occur elsewhere). Runs inside the proxy's pump, before the next read, so an action
/// taken there lands after the last byte and before the server's answer — the window of issue 11 item 11.
/// </summary>
public sealed class LastByteWatcher(byte[] content, Action<int> onLastByte)
{
    private const int Tail = 64;
    private readonly Dictionary<int, byte[]> _windows = [];
    private int _fired;

    public void Observe(int connection, FaultDirection direction, ReadOnlySpan<byte> bytes)
    {
        if (direction != FaultDirection.ToServer || Volatile.Read(ref _fired) == 1)
        {
            return;
        }
        var tail = content.AsSpan(content.Length - Math.Min(Tail, content.Length));
        byte[] window;
        lock (_windows)
        {
            if (!_windows.TryGetValue(connection, out window!))
            {
                _windows[connection] = window = [];
            }
            // The last Tail bytes seen on this connection, across reads.
            window = [.. window, .. bytes[Math.Max(0, bytes.Length - tail.Length)..]];
            window = window[Math.Max(0, window.Length - tail.Length)..];
            _windows[connection] = window;
        }
        if (window.AsSpan().SequenceEqual(tail) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            onLastByte(connection);
        }
    }
}
