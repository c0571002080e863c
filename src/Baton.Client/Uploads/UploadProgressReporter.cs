using Baton.Client.Transfers;

namespace Baton.Client.Uploads;

/// <summary>Reports an upload's progress on a timer until disposed.</summary>
internal sealed class UploadProgressReporter : IDisposable
{
    private readonly string _name;
    private readonly long _size;
    private readonly UploadSession _session;
    private readonly IProgress<TransferProgress>? _progress;
    private readonly ProgressMeter _meter;
    private readonly ITimer? _timer;

    public UploadProgressReporter(string name, long size, UploadSession session, TimeProvider time, TimeSpan interval, IProgress<TransferProgress>? progress)
    {
        _name = name;
        _size = size;
        _session = session;
        _progress = progress;
        _meter = new ProgressMeter(time, session.BytesDone);
        if (progress is not null)
        {
            _timer = time.CreateTimer(_ => Report(TransferPhase.Transferring), null, interval, interval);
        }
    }

    public void Complete()
    {
        _timer?.Dispose();
        _progress?.Report(new TransferProgress(_name, _size, _size, 0, 0, TransferPhase.Completed));
    }

    private void Report(TransferPhase phase)
    {
        var done = Math.Min(_size, _session.BytesDone);
        _progress?.Report(new TransferProgress(_name, done, _size, _meter.Sample(done), Volatile.Read(ref _session.Active), phase));
    }

    public void Dispose() => _timer?.Dispose();
}
