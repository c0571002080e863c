namespace Baton.Storage.S3.Hosting;

/// <summary>
/// Settings of the S3 backend (configuration: <c>Baton:Storage:S3:*</c>, environment <c>BATON_STORAGE__S3__*</c>). Defaults are
/// stated here once; <see cref="S3StorageOptionsValidator"/> stops the server at start when one is missing or wrong.
/// </summary>
public sealed class S3StorageOptions
{
    public const string SectionName = "Storage:S3";

    /// <summary>The smallest part S3 accepts except for the last one (S3 API: UploadPart).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>The largest part size Baton buffers (it holds one part in memory per running append).</summary>
    public const int MaximumPartSize = 512 * 1024 * 1024;

    /// <summary>The engine's endpoint, e.g. <c>http://127.0.0.1:7480</c> (Ceph RGW) or <c>https://s3.eu-west-1.amazonaws.com</c>. Required.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bucket holding everything (created on first use when missing). Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>Every key Baton reads or writes starts with this (a folder-like prefix, e.g. <c>baton/</c>). Default: none.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The signing region. Default <c>us-east-1</c> (what RGW, Garage and MinIO accept).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id. Required.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key. Required; never logged or shown.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Size of every multipart part except the last (equal sizes, as Cloudflare R2 requires). 5 MiB to 512 MiB. Default 8 MiB.</summary>
    public int PartSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Part buffers of all running appends together stay within this (at least one part). Default 256 MiB.</summary>
    public long BufferMemoryLimit { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long one S3 request may take before the server answers 503. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>Retry-After</c> sent when S3 is unreachable. Default 5 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
