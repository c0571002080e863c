using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Tests.Hosting;

/// <summary>AddBaton()/MapBaton() inside someone else's ASP.NET Core app: under a path base, beside the app's own endpoints.</summary>
public sealed class EmbeddingTests
{
    [Fact]
    public async Task Baton_mounts_under_a_path_base_next_to_the_hosts_own_endpoints()
    {
        using var root = new TempDirectory();
        File.WriteAllText(root.Combine("a.txt"), "embedded");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBaton(o =>
        {
            o.Root = root.Path;
            o.PathBase = "/transfer";
        });
        await using var app = builder.Build();
        app.MapGet("/", () => "host app");
        app.MapBaton();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal("host app", await client.GetStringAsync("/"));
        Assert.Equal("embedded", await client.GetStringAsync("/transfer/files/a.txt"));
        var listing = await client.GetFromJsonAsync<JsonElement>("/transfer/api/files");
        Assert.Equal("/transfer/files/a.txt", listing.GetProperty("entries")[0].GetProperty("url").GetString());
        using var outside = await client.GetAsync("/files/a.txt");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBaton(o => o.Downloads.MaxRanges = 0);
        await using var app = builder.Build();
        // validated as soon as anything reads the options: when the endpoints are mapped, or at start at the latest
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            app.MapBaton();
            await app.StartAsync();
        });
        Assert.Contains("MaxRanges", error.Message);
    }
}
