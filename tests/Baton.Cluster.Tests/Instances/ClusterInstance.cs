using Baton.Cluster.Hosting;
using Baton.Server;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cluster.Tests.Instances;

/// <summary>One instance of a cluster in this process: a <see cref="BatonTestServer"/> on the shared database and, when given, the
/// shared bucket and prefix (otherwise its own disk root).</summary>
internal static class ClusterInstance
{
    public static Task<BatonTestServer> StartAsync(string postgres, S3StorageOptions? s3 = null, Action<BatonOptions>? configure = null) =>
        BatonTestServer.StartAsync(configure, services: s =>
        {
            s.Configure<ClusterOptions>(o => o.Postgres = postgres);
            if (s3 is null)
            {
                return;
            }
            s.Configure<StorageOptions>(o => o.Kind = S3StorageBackend.S3Kind);
            s.Configure<S3StorageOptions>(o =>
            {
                o.ServiceUrl = s3.ServiceUrl;
                o.Bucket = s3.Bucket;
                o.Prefix = s3.Prefix;
                o.AccessKey = s3.AccessKey;
                o.SecretKey = s3.SecretKey;
            });
        });
}
