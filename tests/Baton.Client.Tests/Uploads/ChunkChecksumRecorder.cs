using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Client.Tests.Uploads;

/// <summary>Records, in front of a real Baton server, the Upload-Checksum header (or its absence) of every tus PATCH.</summary>
public sealed class ChunkChecksumRecorder : IStartupFilter
{
    /// <summary>One entry per PATCH: its Upload-Checksum, or null when it had none.</summary>
    public ConcurrentQueue<string?> Patches { get; } = new();

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPatch(context.Request.Method))
            {
                var checksum = context.Request.Headers["Upload-Checksum"].ToString();
                Patches.Enqueue(checksum.Length > 0 ? checksum : null);
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
