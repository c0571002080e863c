using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Testing;

/// <summary>
/// Runs the HTTP-level suites against another storage backend: <c>BATON_TEST_STORAGE=KIND</c> selects the backend every
/// <see cref="BatonTestServer"/> uses (default: disk), and its settings come from the environment the way <c>baton serve</c>
/// reads them (<c>Baton__Storage__S3__ServiceUrl=…</c>). A backend project adds its registration to <see cref="Register"/>.
/// </summary>
public static class TestStorage
{
    public const string Variable = "BATON_TEST_STORAGE";

    /// <summary>The backend kind chosen for this test run, or null for the default.</summary>
    public static string? Kind => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } kind ? kind : null;

    /// <summary>Registers the backends tests can select and, when <see cref="Kind"/> is set, selects it.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        // One line per backend project: services.AddBatonStorageBackend<XStorageBackend>();
        services.AddBatonS3Storage(configuration.GetSection("Baton"));
        services.AddBatonStorage(configuration.GetSection("Baton"));
        if (Kind is { } kind)
        {
            services.Configure<StorageOptions>(o => o.Kind = kind);
            // Every test server gets storage of its own, as it gets a fresh root on disk: a prefix nobody else uses, in the
            // bucket named by the environment (default: the tests' bucket).
            var prefix = (configuration["Baton:Storage:S3:Prefix"] ?? "") + "http-" + Guid.NewGuid().ToString("N")[..12] + "/";
            services.Configure<S3StorageOptions>(o =>
            {
                o.Prefix = prefix;
                o.Bucket ??= RgwEngine.Bucket;
            });
        }
    }
}
