using System.Collections.Concurrent;
using Baton.Protocol.Digests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Tests.Put;

/// <summary>
/// Records every request under <c>/uploads</c> before Baton answers it: method, declared body length and whether it carried a
/// <c>Repr-Digest</c> — so a test can tell how many content bytes a client sent and whether it asked digest-first.
/// </summary>
public sealed class UploadTraffic : IStartupFilter
{
    private readonly ConcurrentQueue<(string Method, long Bytes, bool Digest)> _requests = new();

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public int Count => _requests.Count;

    /// <summary>Requests from the <paramref name="skip"/>th on.</summary>
    public IReadOnlyList<(string Method, long Bytes, bool Digest)> Since(int skip) => [.. _requests.Skip(skip)];

    /// <summary>Content bytes sent in requests from the <paramref name="skip"/>th on.</summary>
    public long ContentBytesSince(int skip) => Since(skip).Sum(r => r.Bytes);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (context.Request.Path.StartsWithSegments("/uploads"))
            {
                _requests.Enqueue((context.Request.Method, context.Request.ContentLength ?? 0,
                    context.Request.Headers.ContainsKey(ReprDigest.HeaderName)));
            }
            return proceed();
        });
        next(app);
    };
}
