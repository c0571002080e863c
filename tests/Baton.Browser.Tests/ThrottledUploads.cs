using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Browser.Tests;

/// <summary>
/// Slows upload bodies (PATCH) to a fixed rate, as a slow link would, so a 50 MiB transfer over loopback lasts long
/// enough for the page to be paused in the middle of it. It is a simulated network, not a synchronisation point: the
/// tests still wait on the page's own state.
/// </summary>
public sealed class ThrottledUploads(long bytesPerSecond) : IStartupFilter
{
    private int _inFlight;

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
            await ticks.WaitForNextTickAsync(deadline.Token);
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
                context.Request.Body = new ThrottledStream(context.Request.Body, bytesPerSecond);
                await nextMiddleware(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        next(app);
    };

    private sealed class ThrottledStream(Stream inner, long bytesPerSecond) : Stream
    {
        private readonly long _started = TimeProvider.System.GetTimestamp();
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var due = TimeSpan.FromSeconds((double)_read / bytesPerSecond) - TimeProvider.System.GetElapsedTime(_started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
            var n = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
            _read += n;
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
