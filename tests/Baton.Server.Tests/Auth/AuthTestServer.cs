using System.Net.Http.Headers;
using Baton.Server.Auth;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Auth;

/// <summary>A Baton with four tokens — admin, reader (download+list), uploader, deleter — and files in its root.</summary>
public sealed class AuthTestServer : IAsyncLifetime
{
    public const string AdminToken = "bt_admin_secret_0123456789";
    public const string ReaderToken = "bt_reader_secret_0123456789";
    public const string UploaderToken = "bt_uploader_secret_0123456789";
    public const string DeleterToken = "bt_deleter_secret_0123456789";
    public const string OtherUploaderToken = "bt_other_uploader_secret_0123456789";
    public const string QuotaToken = "bt_quota_secret_0123456789";

    public BatonTestServer Server { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Action<BatonOptions>? Configure { get; init; }

    public async Task InitializeAsync()
    {
        Server = await BatonTestServer.StartAsync(o =>
        {
            o.Auth.Tokens =
            [
                Token("admin", AdminToken, BatonPermissions.Admin),
                Token("reader", ReaderToken, BatonPermissions.Download, BatonPermissions.List),
                Token("uploader", UploaderToken, BatonPermissions.Upload),
                Token("deleter", DeleterToken, BatonPermissions.Delete),
                Token("other-uploader", OtherUploaderToken, BatonPermissions.Upload),
                new TokenEntry
                {
                    Name = "quota", Sha256 = TokenStore.Hash(QuotaToken), Permissions = [BatonPermissions.Upload], QuotaBytes = 1000, MaxUploadSize = 900,
                },
            ];
            o.Auth.ApiRequestsPerMinute = 1000;
            Configure?.Invoke(o);
        }, services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var name in new[] { "a.txt", "b.txt", "dir/c.txt" })
        {
            var path = Server.Root.Combine(name.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + name);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
            TestStorage.Publish(Server.Services, Server.Root.Path, name);
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpRequestMessage Request(HttpMethod method, string url, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static TokenEntry Token(string name, string secret, params BatonPermissions[] permissions) =>
        new() { Name = name, Sha256 = TokenStore.Hash(secret), Permissions = permissions };
}
