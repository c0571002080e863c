using System.Net;
using Baton.Server.Auth;
using Baton.Storage.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Baton.Server.Operations;

/// <summary>
/// OpenTelemetry metrics of the meter <c>Baton</c> (<see cref="BatonMetrics"/>), scraped on <c>/metrics</c> in the Prometheus
/// text format. Who may scrape: <see cref="MetricsOptions.Access"/> — by default anyone on loopback (a local agent), an admin
/// token from elsewhere, since the figures describe the server's traffic. Never rate-limited.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>The name OpenTelemetry's metrics listener registers under (<c>IMetricsListener.Name</c>).</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddBatonMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter(
            // Every scrape sees every measurement made before it (the exporter's default caches a scrape for 300 ms).
            prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        // target_info names the service and this instance, so scrapes of several instances stay apart.
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) => metrics.ConfigureResource(resource =>
            resource.AddService("baton", serviceInstanceId: provider.GetRequiredService<InstanceIdentity>().Id)));
        // The meter is enabled for OpenTelemetry's listener by a rule of the host's metrics options, for meters of this container
        // only (MeterScope.Local): a second server in the same process has its own meter of the same name, and its figures must
        // not show here. Read when the listener starts, so Baton:Metrics:Enabled = false enables nothing.
        services.AddOptions<Microsoft.Extensions.Diagnostics.Metrics.MetricsOptions>().Configure<IOptions<BatonOptions>>((rules, baton) =>
        {
            if (baton.Value.Metrics.Enabled)
            {
                rules.Rules.Add(new InstrumentRule(BatonMetrics.MeterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local, enable: true));
            }
        });
        return services;
    }

    public static void MapMetrics(this IEndpointRouteBuilder endpoints, MetricsOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }
        endpoints.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use((context, next) => GateAsync(context, next, options.Access)), optionsName: null);
    }

    private static async Task GateAsync(HttpContext context, RequestDelegate next, MetricsAccess access)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!MetricsGate.NeedsAdmin(access, remote is not null && IPAddress.IsLoopback(remote)))
        {
            await next(context);
            return;
        }
        var result = await context.AuthenticateAsync(BatonAuthenticationHandler.SchemeName);
        var caller = result.Succeeded ? BatonCaller.From(result.Principal!) : null;
        if (caller is null)
        {
            await context.ChallengeAsync(BatonAuthenticationHandler.SchemeName); // 401 + problem, as on every Baton endpoint
        }
        else if (!caller.Can(BatonPermissions.Admin))
        {
            await context.ForbidAsync(BatonAuthenticationHandler.SchemeName);
        }
        else
        {
            await next(context);
        }
    }
}
