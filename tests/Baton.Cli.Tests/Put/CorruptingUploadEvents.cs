using Baton.Server.Uploads.Events;

namespace Baton.Cli.Tests.Put;

/// <summary>
/// Damages each completed upload's file in place (one byte flipped, size kept, modified time moved on so it is a new version):
/// a stand-in for storage that does not keep what it was sent, which only an end-to-end check can notice.
/// </summary>
public sealed class CorruptingUploadEvents : IUploadEvents
{
    public async Task OnCompletedAsync(UploadEvent upload, CancellationToken cancellation)
    {
        var path = upload.FilePath!;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 0xFF));
        }
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
    }
}
