using Baton.Client.Transfers;

namespace Baton.Client.Uploads;

/// <summary>Reports the hashing phase of an upload (bytes of the local file hashed, and the rate) on a timer until disposed.</summary>
internal sealed class HashingProgressReporter : IDisposable
{
    private readonly ITimer? _timer;

    public HashingProgressReporter(string name, long size, UploadDigest digest, TimeProvider time, TimeSpan interval,
        IProgress<TransferProgress>? progress)
    {
        if (progress is null)
        {
            return;
        }
        var meter = new ProgressMeter(time, digest.Position);
        progress.Report(new TransferProgress(name, digest.Position, size, 0, 0, TransferPhase.Hashing));
        _timer = time.CreateTimer(_ =>
        {
            var done = digest.Position;
            progress.Report(new TransferProgress(name, done, size, meter.Sample(done), 0, TransferPhase.Hashing));
        }, null, interval, interval);
    }

    public void Dispose() => _timer?.Dispose();
}
