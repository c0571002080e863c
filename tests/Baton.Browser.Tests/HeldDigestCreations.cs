using Baton.Protocol.Digests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Browser.Tests;

/// <summary>
/// Once <see cref="Hold"/> was called, holds every digest-first creation (a POST carrying <c>Repr-Digest</c>) until
/// <see cref="Release"/>, and says when the first one arrived: a deterministic "the page is waiting for the server's answer".
/// </summary>
public sealed class HeldDigestCreations : IStartupFilter, IDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _holding;

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    /// <summary>Completes once a digest-first creation is being held.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>From now on, digest-first creations wait for <see cref="Release"/>.</summary>
    public void Hold() => _holding = true;

    public void Release() => _released.TrySetResult();

    /// <summary>Releases a hold a failed test left behind, so the server stops without waiting for it.</summary>
    public void Dispose() => Release();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (_holding && HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(ReprDigest.HeaderName))
            {
                _arrived.TrySetResult();
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
