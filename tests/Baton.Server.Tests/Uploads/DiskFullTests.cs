using System.Net;
using System.Security.Cryptography;
using Baton.Server.Tests.Uploads.Ietf;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>
/// Issue 11 item 12: a disk that fills mid-PATCH. Before, a 40 MiB PATCH onto 24 MiB of room was answered 204 with a short offset
/// (tus clients then retried forever) and a PATCH onto a full disk 500. Now: 507 storage-full with a problem body, the offset of
/// what durably reached the disk on the answer and on HEAD, nothing else on disk changed; once room is made the upload resumes to
/// the exact bytes. A real tmpfs supplies the kernel's own ENOSPC (<see cref="SmallDisk"/>).
/// </summary>
[Trait(TestStorage.Trait, TestStorage.DiskOnly)]
[Trait("Speed", "Slow")]
public sealed class DiskFullTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_patch_past_the_free_space_is_507_keeps_what_reached_the_disk_and_resumes_after_room_is_made()
    {
        using var disk = SmallDisk.Mount(24 * MiB);
        await using var server = await BatonTestServer.StartAsync(root: disk.Folder);
        var content = RandomNumberGenerator.GetBytes(40 * MiB);
        var location = await Tus.CreateAsync(server.Client, content.Length, "big.bin");

        using var full = await server.Client.SendAsync(Tus.Patch(location, 0, content));

        await Tus.AssertProblemAsync(full, 507, "urn:baton:problem:storage-full");
        var kept = long.Parse(Tus.Header(full, "Upload-Offset")!);
        Assert.InRange(kept, 0, 24 * MiB);
        await AssertOffsetAsync(server, location, kept.ToString());
        Assert.Empty(server.StoredFileNames());

        disk.Resize(96 * MiB); // the operator makes room
        using var rest = await server.Client.SendAsync(Tus.Patch(location, kept, content[(int)kept..]));

        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(server.ReadStoredFile("big.bin")!));
    }

    [Fact]
    public async Task On_a_full_disk_an_append_and_a_creation_are_507_not_500_and_nothing_is_acknowledged()
    {
        using var disk = SmallDisk.Mount(16 * MiB);
        await using var server = await BatonTestServer.StartAsync(root: disk.Folder);
        var location = await Tus.CreateAsync(server.Client, 4 * MiB, "late.bin");
        var ietf = await Rufh.CreateAsync(server.Client, 8, [], "late-ietf.bin", length: 4 * MiB);
        FillUp(disk);

        var content = RandomNumberGenerator.GetBytes(4 * MiB);
        using var tus = await server.Client.SendAsync(Tus.Patch(location, 0, content));
        using var rufh = await server.Client.SendAsync(Rufh.Patch(8, ietf, 0, true, content));
        using var creation = await server.Client.SendAsync(Tus.Create(10, "new.bin"));

        await Tus.AssertProblemAsync(tus, 507, "urn:baton:problem:storage-full");
        Assert.Equal("0", Tus.Header(tus, "Upload-Offset"));
        await Rufh.AssertProblemAsync(rufh, 507, "urn:baton:problem:storage-full");
        await Tus.AssertProblemAsync(creation, 507, "urn:baton:problem:storage-full");
        Assert.Null(creation.Headers.Location);
        await AssertOffsetAsync(server, location, "0");
        Assert.Equal(2, server.StagedUploads(".json").Count); // the failed creation left no record behind

        File.Delete(disk.Folder.Combine("filler.bin"));
        using var retried = await server.Client.SendAsync(Tus.Patch(location, 0, content));
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal(content, server.ReadStoredFile("late.bin"));
    }

    [Fact]
    public async Task A_large_body_refused_mid_read_by_a_full_disk_is_still_answered_507_on_a_connection_that_stays_usable()
    {
        // The disk refuses the first write while most of the body is still on its way. The store must hand the read buffer back
        // even then: with a read left open, Kestrel's drain of the unread body fails, it cuts the connection, and the client
        // sees "broken pipe" instead of the 507 (seen under load in DiskFullTests above, about one run in three).
        using var disk = SmallDisk.Mount(16 * MiB);
        await using var server = await BatonTestServer.StartAsync(root: disk.Folder);
        var content = RandomNumberGenerator.GetBytes(48 * MiB);
        var location = await Tus.CreateAsync(server.Client, content.Length, "large.bin");
        var ietf = await Rufh.CreateAsync(server.Client, 8, [], "large-ietf.bin", length: content.Length);
        FillUp(disk);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var tus = await server.Client.SendAsync(Tus.Patch(location, 0, content));
            using var rufh = await server.Client.SendAsync(Rufh.Patch(8, ietf, 0, true, content));

            await Tus.AssertProblemAsync(tus, 507, "urn:baton:problem:storage-full");
            Assert.Equal("0", Tus.Header(tus, "Upload-Offset"));
            await Rufh.AssertProblemAsync(rufh, 507, "urn:baton:problem:storage-full");
        }
        await AssertOffsetAsync(server, location, "0");
    }

    /// <summary>The upload's offset as the server reports it now (tus HEAD).</summary>
    private static async Task AssertOffsetAsync(BatonTestServer server, string location, string expected)
    {
        using var head = await server.Client.SendAsync(Tus.Head(location));
        Assert.Equal(expected, Tus.Header(head, "Upload-Offset"));
    }

    /// <summary>Writes a file until the kernel says ENOSPC, in 1 MiB then 4 KiB pieces, so not even a page is left for a record.</summary>
    private static void FillUp(SmallDisk disk)
    {
        using var filler = new FileStream(disk.Folder.Combine("filler.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        foreach (var size in new[] { MiB, 4096, 1 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    filler.Write(chunk);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
            }
        }
        Assert.True(disk.FreeBytes < 4096, $"{disk.FreeBytes} bytes still free");
    }
}
