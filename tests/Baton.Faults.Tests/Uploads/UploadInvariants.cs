using Baton.Faults.Tests.Trials;
using Baton.Protocol.Fields;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Testing.Faults;

namespace Baton.Faults.Tests.Uploads;

/// <summary>
/// What must hold after any interrupted upload: no acknowledged offset ever goes back (per upload, in the order the client saw
/// them), none exceeds the length, and every upload acknowledged complete is a placed file with exactly the source's bytes.
/// </summary>
public static class UploadInvariants
{
    public static async Task CheckAsync(Trial trial, HttpClient direct, bool tus, byte[] content)
    {
        var acknowledged = trial.Offsets.All;
        Assert.NotEmpty(acknowledged);
        foreach (var upload in acknowledged.GroupBy(a => a.Upload))
        {
            var sequence = string.Join(", ", upload.Select(a => $"{a.Method} {a.Status} {a.Offset}"));
            trial.Log($"{upload.Key}: acknowledged {sequence}");
            var highest = 0L;
            foreach (var ack in upload)
            {
                Assert.True(ack.Offset >= highest, $"seed {trial.Seed}: {upload.Key}: offset went back from {highest} to {ack.Offset} ({sequence})");
                Assert.True(ack.Offset <= content.Length, $"seed {trial.Seed}: {upload.Key}: offset {ack.Offset} beyond the length {content.Length}");
                highest = ack.Offset;
            }

            // The server still holds at least what it acknowledged (after any restart).
            using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(trial.Direct, upload.Key));
            head.Headers.TryAddWithoutValidation(tus ? TusHeaders.Resumable : ResumableUploadHeaders.DraftInteropVersion, tus ? TusHeaders.Version : "8");
            using var state = await direct.SendAsync(head);
            Assert.True(state.IsSuccessStatusCode, $"seed {trial.Seed}: HEAD {upload.Key} → {(int)state.StatusCode} after acknowledging {highest}");
            var offset = long.Parse(state.Headers.GetValues(TusHeaders.UploadOffset).Single());
            Assert.True(offset >= highest, $"seed {trial.Seed}: {upload.Key}: offset {offset} after the trial, {highest} was acknowledged");

            if (highest == content.Length)
            {
                // Acknowledged complete ⇒ a file (issue 11 item 11: complete but never placed).
                Assert.True(state.Headers.TryGetValues(BatonFieldNames.FileUrl, out var fileUrl),
                    $"seed {trial.Seed}: {upload.Key} was acknowledged complete ({content.Length} B) but names no file (not placed)");
                var bytes = await direct.GetByteArrayAsync(new Uri(trial.Direct, fileUrl.Single()));
                Assert.True(Trial.Sha256(content) == Trial.Sha256(bytes),
                    $"seed {trial.Seed}: {fileUrl.Single()} holds {bytes.Length} B that differ from the {content.Length} B uploaded");
            }
        }
    }
}
