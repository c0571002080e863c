using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Browser.Tests;

/// <summary>Holds every upload body (PATCH) until the test calls <see cref="Release"/>: a deterministic "still in flight".</summary>
public sealed class HeldUploads : IStartupFilter
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public void Release() => _released.TrySetResult();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPatch(context.Request.Method))
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
