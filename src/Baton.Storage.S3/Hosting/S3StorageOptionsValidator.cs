using Baton.Protocol.Paths;
using Baton.Storage.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Storage.S3.Hosting;

/// <summary>Checks <see cref="S3StorageOptions"/> at start — only when the S3 backend is selected — each failure naming its
/// setting and never echoing a credential.</summary>
public sealed class S3StorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<S3StorageOptions>
{
    private const string Setting = "Baton:Storage:S3:";

    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        if (!string.Equals(storage.Value.Kind, S3StorageBackend.S3Kind, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The problems of <paramref name="options"/>, one line each.</summary>
    public static List<string> Check(S3StorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            failures.Add($"{Setting}ServiceUrl is required (e.g. http://127.0.0.1:7480).");
        }
        else if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add($"{Setting}ServiceUrl must be an absolute http or https URL without credentials.");
        }
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add($"{Setting}Bucket is required.");
        }
        else if (!IsBucketName(options.Bucket))
        {
            failures.Add($"{Setting}Bucket must be 3 to 63 lowercase letters, digits, '.' or '-' (is '{options.Bucket}').");
        }
        if (options.Prefix.Length > 0
            && (options.Prefix[0] == '/' || RelativePath.TryParse(options.Prefix.TrimEnd('/'), allowHidden: false, out _) != PathCheck.Valid))
        {
            failures.Add($"{Setting}Prefix must be a relative name like 'baton/' (no '..', no leading '/', no control characters, no hidden segments).");
        }
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{Setting}Region is required.");
        }
        if (string.IsNullOrEmpty(options.AccessKey))
        {
            failures.Add($"{Setting}AccessKey is required.");
        }
        if (string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add($"{Setting}SecretKey is required.");
        }
        if (options.PartSize is < S3StorageOptions.MinimumPartSize or > S3StorageOptions.MaximumPartSize)
        {
            failures.Add($"{Setting}PartSize must be between {S3StorageOptions.MinimumPartSize} and {S3StorageOptions.MaximumPartSize} (is {options.PartSize}).");
        }
        if (options.BufferMemoryLimit < options.PartSize)
        {
            failures.Add($"{Setting}BufferMemoryLimit must hold at least one part (is {options.BufferMemoryLimit}).");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Setting}Timeout must be between 00:00:00 and 00:10:00, exclusive of zero (is {options.Timeout}).");
        }
        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add($"{Setting}RetryAfter must be between 00:00:01 and 01:00:00 (is {options.RetryAfter}).");
        }
        return failures;
    }

    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
}
