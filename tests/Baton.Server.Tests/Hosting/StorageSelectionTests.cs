using System.Net;
using Baton.Storage.Files;
using Baton.Storage.FileSystem.Files;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Tests.Hosting;

/// <summary><c>Baton:Storage:*</c>: the backend is chosen by kind (disk by default), its options are validated at start, and the
/// store keys of earlier versions keep working.</summary>
public sealed class StorageSelectionTests
{
    private static WebApplication Build(TempDirectory root, Dictionary<string, string?> settings, bool map = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        settings["Baton:Root"] = root.Path;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBaton(builder.Configuration.GetSection("Baton"));
        var app = builder.Build();
        if (map)
        {
            app.MapBaton();
        }
        return app;
    }

    [Fact]
    public async Task An_unknown_kind_stops_the_start_naming_the_setting()
    {
        using var root = new TempDirectory();
        await using var app = Build(root, new() { ["Baton:Storage:Kind"] = "tape" }, map: false);

        // validated as soon as anything reads the options: when the endpoints are mapped, or at start at the latest
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            app.MapBaton();
            await app.StartAsync();
        });

        Assert.Contains("Baton:Storage:Kind", error.Message);
        Assert.Contains("'tape'", error.Message);
    }

    [Fact]
    public async Task Invalid_disk_settings_stop_the_start_naming_the_setting()
    {
        using var root = new TempDirectory();
        await using var app = Build(root, new() { ["Baton:Storage:Disk:StagingBufferSize"] = "1000" }, map: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            app.MapBaton();
            await app.StartAsync();
        });

        Assert.Contains("Baton:Storage:Disk:StagingBufferSize", error.Message);
    }

    [Fact]
    public async Task The_disk_backend_is_the_default_and_serves_the_root()
    {
        using var root = new TempDirectory();
        await using var app = Build(root, new() { ["Baton:Storage:Kind"] = "DISK" });
        await app.StartAsync();

        Assert.IsType<DiskFileSource>(app.Services.GetRequiredService<IFileSource>());
        File.WriteAllText(root.Combine("a.txt"), "hello");
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var response = await client.GetAsync("/files/a.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Store_keys_of_earlier_versions_still_apply_and_the_new_keys_win()
    {
        using var root = new TempDirectory();
        await using var app = Build(root, new()
        {
            ["Baton:Uploads:LockWait"] = "00:00:01",
            ["Baton:Uploads:LockTakeoverWait"] = "00:00:02",
            ["Baton:Uploads:CheckpointBytes"] = "131072",
            ["Baton:Uploads:Durability"] = "None",
            ["Baton:Storage:Disk:CheckpointBytes"] = "262144",
        });

        var locks = app.Services.GetRequiredService<IOptions<UploadLockOptions>>().Value;
        var disk = app.Services.GetRequiredService<IOptions<DiskStorageOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(1), locks.Wait);
        Assert.Equal(TimeSpan.FromSeconds(2), locks.TakeoverWait);
        Assert.Equal(Storage.Durability.None, disk.Durability);
        Assert.Equal(262144, disk.CheckpointBytes);
    }

    [Fact]
    public async Task Lock_waits_are_read_from_the_storage_section()
    {
        using var root = new TempDirectory();
        await using var app = Build(root, new() { ["Baton:Storage:Locks:Wait"] = "00:00:00.250" });

        Assert.Equal(TimeSpan.FromMilliseconds(250), app.Services.GetRequiredService<IOptions<UploadLockOptions>>().Value.Wait);
        Assert.IsType<InProcessUploadLocker>(app.Services.GetRequiredService<IUploadLocker>());
    }
}
