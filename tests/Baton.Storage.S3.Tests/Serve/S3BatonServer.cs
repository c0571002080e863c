using Baton.Server;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>A <see cref="BatonTestServer"/> on the S3 backend with <paramref name="settings"/> (a fresh prefix of RGW's bucket, or
/// an endpoint in front of it such as a <see cref="TcpRelay"/>).</summary>
internal static class S3BatonServer
{
    public static Task<BatonTestServer> StartAsync(S3StorageOptions settings, Action<BatonOptions>? configure = null,
        Action<S3StorageOptions>? adjust = null) =>
        BatonTestServer.StartAsync(configure, services: s =>
        {
            s.AddBatonS3Storage();
            s.Configure<StorageOptions>(o => o.Kind = S3StorageBackend.S3Kind);
            s.Configure<S3StorageOptions>(o =>
            {
                o.ServiceUrl = settings.ServiceUrl;
                o.Bucket = settings.Bucket;
                o.Prefix = settings.Prefix;
                o.AccessKey = settings.AccessKey;
                o.SecretKey = settings.SecretKey;
                adjust?.Invoke(o);
            });
        });
}
