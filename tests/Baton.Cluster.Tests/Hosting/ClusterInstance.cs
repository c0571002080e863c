using Baton.Cluster.Hosting;
using Baton.Server;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cluster.Tests.Hosting;

/// <summary>
/// One cluster instance: a <see cref="BatonTestServer"/> (real Kestrel on loopback, a local root of its own) on the S3 prefix
/// and the PostgreSQL schema of <paramref name="setup"/>, configured as <c>baton serve</c> is with <c>Baton:Cluster:Postgres</c>.
/// Several started with one setup are one cluster.
/// </summary>
internal static class ClusterInstance
{
    public static Task<BatonTestServer> StartAsync(ClusterSetup setup, Action<BatonOptions>? configure = null,
        Action<IServiceCollection>? services = null) =>
        BatonTestServer.StartAsync(configure, services: s =>
        {
            s.AddBatonS3Storage();
            s.Configure<StorageOptions>(o => o.Kind = S3StorageBackend.S3Kind);
            s.Configure<S3StorageOptions>(o =>
            {
                o.ServiceUrl = setup.Storage.ServiceUrl;
                o.Bucket = setup.Storage.Bucket;
                o.Prefix = setup.Storage.Prefix;
                o.AccessKey = setup.Storage.AccessKey;
                o.SecretKey = setup.Storage.SecretKey;
                o.PartSize = setup.Storage.PartSize;
            });
            s.AddBatonCluster(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Postgres"] = setup.Postgres })
                .Build());
            services?.Invoke(s);
        });
}

/// <summary>What the instances of one cluster share: a bucket prefix and a database (schema).</summary>
internal sealed record ClusterSetup(S3StorageOptions Storage, string Postgres);
