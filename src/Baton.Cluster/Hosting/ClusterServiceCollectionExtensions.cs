using Baton.Cluster.Files;
using Baton.Cluster.Locking;
using Baton.Cluster.Possession;
using Baton.Cluster.Records;
using Baton.Storage.Files;
using Baton.Storage.Locking;
using Baton.Storage.Possession;
using Baton.Storage.Records;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Cluster.Hosting;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>How long a second request waits for a busy upload in cluster mode before asking the holder to let go, unless
    /// <c>Baton:Storage:Locks:Wait</c> is set: short, because behind a load balancer a client's retry lands anywhere while its
    /// broken request may still hold the upload on another instance.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    /// <summary>How long it then waits for the holder to commit and let go (<c>Baton:Storage:Locks:TakeoverWait</c>): with
    /// <see cref="LockWait"/>, a takeover completes — or is refused — within 2 s.</summary>
    public static readonly TimeSpan LockTakeoverWait = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// Cluster mode, when <c>Baton:Cluster:Postgres</c> is set in <paramref name="baton"/> (the <c>Baton</c> section): the schema
    /// is migrated at start, upload locks are PostgreSQL advisory locks, upload records, the content index and proof challenges live in PostgreSQL, and storage must be
    /// shared (S3; checked at start). Without the setting only the (empty) options are registered. <c>AddBaton(section)</c> calls
    /// it; a host configuring Baton in code calls it itself, before or after <c>AddBaton</c>.
    /// </summary>
    public static IServiceCollection AddBatonCluster(this IServiceCollection services, IConfiguration baton)
    {
        services.AddOptions<ClusterOptions>().Bind(baton.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        if (string.IsNullOrWhiteSpace(baton[ClusterOptions.SectionName + ":Postgres"]))
        {
            return services;
        }
        services.PostConfigure<UploadLockOptions>(locks =>
        {
            // Cluster defaults only where nothing is configured (legacy keys included).
            if (baton["Storage:Locks:Wait"] is null && baton["Uploads:LockWait"] is null)
            {
                locks.Wait = LockWait;
            }
            if (baton["Storage:Locks:TakeoverWait"] is null && baton["Uploads:LockTakeoverWait"] is null)
            {
                locks.TakeoverWait = LockTakeoverWait;
            }
        });
        services.TryAddSingleton<ClusterDatabase>();
        services.Replace(ServiceDescriptor.Singleton<IUploadLocker>(sp => new PostgresUploadLocker(
            sp.GetRequiredService<ClusterDatabase>().ConnectionString, sp.GetRequiredService<IOptions<UploadLockOptions>>().Value,
            sp.GetService<BatonMetrics>())));
        services.Replace(ServiceDescriptor.Singleton<IUploadRecords>(sp =>
            new PostgresUploadRecords(sp.GetRequiredService<ClusterDatabase>().DataSource)));
        // Shared so that content stored through one instance completes digest-first creations on another, and a challenge
        // issued by one is answered on another (schema step 4).
        services.Replace(ServiceDescriptor.Singleton<IContentIndex>(sp =>
            new PostgresContentIndex(sp.GetRequiredService<ClusterDatabase>().DataSource)));
        services.Replace(ServiceDescriptor.Singleton<IProofChallenges>(sp =>
            new PostgresProofChallenges(sp.GetRequiredService<ClusterDatabase>().DataSource)));
        // First of all hosted services, whenever this is called: the server's start-up work (recovery) reads upload records.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ClusterSchemaService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ClusterSchemaService>());
        }
        return services;
    }
}
