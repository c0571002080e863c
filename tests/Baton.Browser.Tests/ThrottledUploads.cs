using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Browser.Tests;

/// <summary>
/// Slows upload bodies (PATCH) to a fixed rate, as a slow link would, so a transfer over loopback lasts long enough to
/// be watched (speed, time left) and paused. With <c>stallAfterBytes</c>, the link also stalls once that many body bytes
/// have arrived, until <see cref="Release"/>: a transfer is then certain to be mid-way when the test pauses it.
/// </summary>
public sealed class ThrottledUploads(long bytesPerSecond, long stallAfterBytes = long.MaxValue) : IStartupFilter, IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _bytesPerSecond = bytesPerSecond;
    private readonly long _stallAfterBytes = stallAfterBytes;
    private int _inFlight;
    private long _received;

    /// <summary>Ends the stall: bodies flow again at the throttled rate.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Releases a stall a failed test left behind, so the server stops without waiting for it.</summary>
    public void Dispose() => Release();

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    /// <summary>
    /// Waits until the server has finished every PATCH, including ones the browser aborted on pause: the server still
    /// drains bytes already on the wire, and a resume that raced it would meet the tus 409 offset check (which tus-js-client
    /// recovers from, but Chromium logs as a failed load). A user resuming "later" is this state.
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (Volatile.Read(ref _inFlight) > 0)
        {
            try
            {
                await ticks.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Volatile.Read(ref _inFlight)} upload request(s) still running after {timeout}.");
            }
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!HttpMethods.IsPatch(context.Request.Method))
            {
                await nextMiddleware(context);
                return;
            }
            Interlocked.Increment(ref _inFlight);
            try
            {
                context.Request.Body = new ThrottledStream(context.Request.Body, this, context.RequestAborted);
                await nextMiddleware(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        next(app);
    };

    // The request's own abort token is watched too: a stalled read never touches the socket, so it could not see the
    // browser abort the request on pause otherwise.
    private sealed class ThrottledStream(Stream inner, ThrottledUploads link, CancellationToken requestAborted) : Stream
    {
        private readonly long _started = TimeProvider.System.GetTimestamp();
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, requestAborted);
            cancellationToken = linked.Token;
            if (Interlocked.Read(ref link._received) >= link._stallAfterBytes)
            {
                await link._released.Task.WaitAsync(cancellationToken);
            }
            var due = TimeSpan.FromSeconds((double)_read / link._bytesPerSecond) - TimeProvider.System.GetElapsedTime(_started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
            var n = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
            _read += n;
            Interlocked.Add(ref link._received, n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Kestrel bodies are read asynchronously.");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
