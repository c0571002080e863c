using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Interop.Tests.Downloads;

/// <summary>One Baton server with a 64 MiB random file, shared by the real-client resume tests.</summary>
public sealed class DownloadServerFixture : IAsyncLifetime
{
    public const string FileName = "big.bin";
    public const int Length = 64 * 1024 * 1024;

    public BatonTestServer Server { get; private set; } = null!;

    public string Sha256 { get; private set; } = "";

    public Uri FileUrl => Server.Url("files/" + FileName);

    public async Task InitializeAsync()
    {
        Server = await BatonTestServer.StartAsync();
        var path = Server.Root.WriteRandomFile(FileName, Length, seed: 64);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        Sha256 = await HashFileAsync(path);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static async Task<string> HashFileAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    /// <summary>Writes the first <paramref name="length"/> bytes of the served file to <paramref name="path"/>: a download cut short.</summary>
    public void WritePartial(string path, long length)
    {
        using var source = File.OpenRead(Path.Combine(Server.Root.Path, FileName));
        using var target = File.Create(path);
        var buffer = new byte[1 << 20];
        while (length > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            target.Write(buffer, 0, read);
            length -= read;
        }
    }
}
