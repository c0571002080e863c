using Baton.Protocol.Paths;
using Baton.Storage.Files;
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

    /// <summary>
    /// Trait of HTTP tests that hold only for the disk backend (they touch the root's files directly, or need a capability only
    /// the disk store has, such as folders): scripts/run-tests.sh leaves them out of the run on another backend with
    /// <c>--filter Storage!=Disk</c>, so they show up as not run there rather than as passing without asserting anything.
    /// </summary>
    public const string Trait = "Storage";

    public const string DiskOnly = "Disk";

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

    /// <summary>Whether the HTTP suites run against the default disk backend.</summary>
    public static bool IsDisk => Kind is null || string.Equals(Kind, DiskStorageBackend.DiskKind, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Makes the file at <paramref name="relative"/> (already written below the server's root) visible to the server's
    /// backend: a no-op on disk; on S3 the file is put under the server's prefix, as another program would.
    /// </summary>
    public static void Publish(IServiceProvider services, string root, string relative)
    {
        if (IsDisk)
        {
            return;
        }
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3StorageOptions>>().Value;
        using var s3 = new Baton.Storage.S3.S3Connection(options);
        var path = System.IO.Path.Combine(root, relative);
        s3.CallAsync("seed", c => c.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Keys.Prefix + relative.Replace('\\', '/'),
            FilePath = path,
        }), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Makes the (possibly empty) folder <paramref name="relative"/> exist in the server's backend: created on disk; on
    /// S3 an empty "folder/" marker object.</summary>
    public static void PublishFolder(IServiceProvider services, string root, string relative)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(root, relative));
        if (IsDisk)
        {
            return;
        }
        using var s3 = new Baton.Storage.S3.S3Connection(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3StorageOptions>>().Value);
        s3.CallAsync("seed", c => c.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Keys.Prefix + relative.TrimEnd('/') + "/",
            ContentBody = "",
        }), CancellationToken.None).GetAwaiter().GetResult();
    }

    internal static async Task<byte[]?> ReadAsync(IServiceProvider services, string relative)
    {
        if (RelativePath.TryParse(relative, allowHidden: true, out var path) != PathCheck.Valid)
        {
            return null;
        }
        await using var reader = await services.GetRequiredService<IFileSource>().OpenAsync(path, CancellationToken.None);
        if (reader is null)
        {
            return null;
        }
        using var range = reader.OpenRange(0, reader.Version.Length);
        using var copy = new MemoryStream();
        await range.CopyToAsync(copy);
        return copy.ToArray();
    }

    internal static async Task<bool> IsFolderAsync(IServiceProvider services, string relative) =>
        RelativePath.TryParse(relative, allowHidden: true, out var path) == PathCheck.Valid
        && await services.GetRequiredService<IFileSource>().StatAsync(path, CancellationToken.None) is { Kind: FileKind.Directory };

    internal static async Task<IReadOnlyList<string>> ListAsync(IServiceProvider services) =>
        (await services.GetRequiredService<IFileSource>().ListAsync(RelativePath.Root, CancellationToken.None) ?? [])
            .Where(e => e.Kind == FileKind.File).Select(e => e.Name).ToList();

    internal static async Task<IReadOnlyList<string>> StagedAsync(IServiceProvider services, string suffix)
    {
        using var s3 = new Baton.Storage.S3.S3Connection(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3StorageOptions>>().Value);
        var listed = await s3.CallAsync("list", c => c.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request
        {
            BucketName = s3.Bucket,
            Prefix = s3.Keys.Uploads,
        }), CancellationToken.None);
        return (listed.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).ToList();
    }
}
