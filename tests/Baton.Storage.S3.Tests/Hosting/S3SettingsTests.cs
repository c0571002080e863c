using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.Options;

namespace Baton.Storage.S3.Tests.Hosting;

/// <summary>Bad or missing S3 settings stop the server at start with one line naming each setting, never echoing a secret and
/// never falling back to disk; the settings are not checked while another backend is selected.</summary>
public sealed class S3SettingsTests
{
    private static S3StorageOptions Valid() => new()
    {
        ServiceUrl = "http://127.0.0.1:7480",
        Bucket = "baton",
        AccessKey = "key",
        SecretKey = "TOP-SECRET-VALUE",
    };

    private static ValidateOptionsResult Validate(S3StorageOptions options, string kind = "s3") =>
        new S3StorageOptionsValidator(Options.Create(new StorageOptions { Kind = kind })).Validate(null, options);

    [Fact]
    public void Valid_settings_pass_and_other_backends_do_not_check_them()
    {
        Assert.True(Validate(Valid()).Succeeded);
        Assert.True(Validate(new S3StorageOptions(), kind: "disk").Skipped);
    }

    [Theory]
    [InlineData("ServiceUrl", null, "Baton:Storage:S3:ServiceUrl is required")]
    [InlineData("ServiceUrl", "ftp://host", "Baton:Storage:S3:ServiceUrl must be an absolute http or https URL")]
    [InlineData("ServiceUrl", "http://user:TOP-SECRET-VALUE@host", "Baton:Storage:S3:ServiceUrl must be an absolute http or https URL")]
    [InlineData("Bucket", null, "Baton:Storage:S3:Bucket is required")]
    [InlineData("Bucket", "Bad_Bucket", "Baton:Storage:S3:Bucket must be 3 to 63")]
    [InlineData("Prefix", "../escape/", "Baton:Storage:S3:Prefix must be a relative name")]
    [InlineData("Prefix", "/abs/", "Baton:Storage:S3:Prefix must be a relative name")]
    [InlineData("Prefix", ".baton/", "Baton:Storage:S3:Prefix must be a relative name")]
    [InlineData("Prefix", "a\u0001b/", "Baton:Storage:S3:Prefix must be a relative name")]
    [InlineData("AccessKey", null, "Baton:Storage:S3:AccessKey is required")]
    [InlineData("SecretKey", null, "Baton:Storage:S3:SecretKey is required")]
    [InlineData("PartSize", "1048576", "Baton:Storage:S3:PartSize must be between 5242880 and 536870912")]
    public void Each_bad_setting_is_named_in_one_line_without_the_secret(string setting, string? value, string expected)
    {
        var options = Valid();
        var property = typeof(S3StorageOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value!) : value);

        var result = Validate(options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
        Assert.DoesNotContain("TOP-SECRET-VALUE", failure, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task Baton_serve_with_s3_and_missing_settings_stops_at_start_with_one_line()
    {
        using var root = new TempDirectory();
        await using var serve = await BatonCli.RunAsync(["serve", root.Path, "--urls", "http://127.0.0.1:0"], TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string?>
            {
                ["BATON_STORAGE__KIND"] = "s3",
                ["BATON_STORAGE__S3__SERVICEURL"] = "http://127.0.0.1:9",
                ["BATON_STORAGE__S3__SECRETKEY"] = "TOP-SECRET-VALUE",
            });

        Assert.NotEqual(0, serve.ExitCode);
        var line = Assert.Single(serve.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("baton serve: ", line, StringComparison.Ordinal);
        Assert.Contains("Baton:Storage:S3:Bucket is required", line, StringComparison.Ordinal);
        Assert.Contains("Baton:Storage:S3:AccessKey is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-VALUE", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root.Path, ".baton", "uploads"))); // no fall-back to disk
    }
}
