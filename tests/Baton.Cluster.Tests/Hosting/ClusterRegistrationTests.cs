using Baton.Cluster.Hosting;
using Baton.Cluster.Locking;
using Baton.Cluster.Records;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Storage.Records;
using Baton.Storage.S3.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Cluster.Tests.Hosting;

/// <summary>What <c>Baton:Cluster:Postgres</c> switches on, decided from configuration alone (no database is contacted).</summary>
public sealed class ClusterRegistrationTests
{
    private const string Connection = "Host=127.0.0.1;Port=5432;Database=baton;Username=baton;Password=SECRET-PW";

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var baton = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddBatonCluster(baton);
        services.AddBatonS3Storage(baton);
        services.AddBatonStorage(baton);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_the_setting_nothing_changes()
    {
        using var provider = Build([]);

        Assert.IsType<InProcessUploadLocker>(provider.GetRequiredService<IUploadLocker>());
        Assert.Null(provider.GetService<IUploadRecords>());
        Assert.DoesNotContain(provider.GetServices<IHostedService>(), s => s is ClusterSchemaService);
        var locks = provider.GetRequiredService<IOptions<UploadLockOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)), (locks.Wait, locks.TakeoverWait));
    }

    [Fact]
    public void With_it_locks_and_records_are_postgres_the_schema_migrates_first_and_a_takeover_is_bounded_by_two_seconds()
    {
        using var provider = Build(new() { ["Cluster:Postgres"] = Connection, ["Storage:Kind"] = "s3" });

        Assert.IsType<PostgresUploadLocker>(provider.GetRequiredService<IUploadLocker>());
        Assert.IsType<PostgresUploadRecords>(provider.GetRequiredService<IUploadRecords>());
        Assert.IsType<ClusterSchemaService>(provider.GetServices<IHostedService>().First());
        var locks = provider.GetRequiredService<IOptions<UploadLockOptions>>().Value;
        Assert.Equal(ClusterServiceCollectionExtensions.LockWait, locks.Wait);
        Assert.Equal(ClusterServiceCollectionExtensions.LockTakeoverWait, locks.TakeoverWait);
        Assert.True(locks.Wait + locks.TakeoverWait <= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Configured_lock_times_win_over_the_cluster_defaults()
    {
        using var provider = Build(new()
        {
            ["Cluster:Postgres"] = Connection,
            ["Storage:Locks:Wait"] = "00:00:04",
            ["Uploads:LockTakeoverWait"] = "00:00:07",
        });

        var locks = provider.GetRequiredService<IOptions<UploadLockOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(7)), (locks.Wait, locks.TakeoverWait));
    }

    [Theory]
    [InlineData(null, "disk", null)]
    [InlineData(Connection, "s3", null)]
    [InlineData(Connection, "S3", null)]
    [InlineData(Connection, "disk", "Baton:Cluster:Postgres is set (cluster mode), which needs storage every instance shares: set Baton:Storage:Kind = s3 (is 'disk'")]
    [InlineData("Host=x;Password=SECRET-PW;Colour=blue", "s3", "Baton:Cluster:Postgres is not a PostgreSQL connection string")]
    public void The_validator_refuses_a_bad_string_and_unshared_storage_without_echoing_the_password(string? postgres, string kind, string? failure)
    {
        var validator = new ClusterOptionsValidator(Options.Create(new StorageOptions { Kind = kind }));

        var result = validator.Validate(null, new ClusterOptions { Postgres = postgres });

        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
            return;
        }
        Assert.True(result.Failed);
        Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-PW", result.FailureMessage, StringComparison.Ordinal);
    }
}
