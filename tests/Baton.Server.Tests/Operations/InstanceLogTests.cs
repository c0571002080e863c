using Baton.Server.Operations;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Tests.Operations;

/// <summary>Every log record a server writes carries its instance id as a scope (<c>InstanceId</c>), request records included.</summary>
public sealed class InstanceLogTests
{
    [Fact]
    public void The_default_id_is_host_pid_and_suffix() => Assert.Equal("web-1-42-a1b2c3", InstanceIdentity.Default("web-1", 42, "a1b2c3"));

    [Fact]
    public async Task Every_record_carries_the_configured_instance_id()
    {
        var logs = new LogRecorder();
        await using var server = await BatonTestServer.StartAsync(o => o.InstanceId = "node-a",
            services => services.AddSingleton<ILoggerProvider>(logs).Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug));
        using (await server.Client.GetAsync("files/missing.bin"))
        {
        }
        await logs.WaitForFinishedRequestsAsync(1, TimeSpan.FromSeconds(30));

        Assert.NotEmpty(logs.Records);
        Assert.All(logs.Records, r => Assert.Equal("node-a", r.Scope?[InstanceLogScope.Key]));
        Assert.Contains(logs.Records, r => r.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_servers_without_a_configured_id_get_different_ones()
    {
        await using var first = await BatonTestServer.StartAsync();
        await using var second = await BatonTestServer.StartAsync();
        var a = first.Services.GetRequiredService<InstanceIdentity>().Id;
        var b = second.Services.GetRequiredService<InstanceIdentity>().Id;
        Assert.StartsWith($"{Environment.MachineName}-{Environment.ProcessId}-", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }
}
