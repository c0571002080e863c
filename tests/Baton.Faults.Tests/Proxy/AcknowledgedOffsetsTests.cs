using System.Text;
using Baton.Testing.Faults;

namespace Baton.Faults.Tests.Proxy;

/// <summary>
/// The record the upload invariants trust: which offset each 2xx answer acknowledged, for which upload. The proxy reports each
/// direction from its own pump after forwarding, so an answer can be reported before its request; it must still be paired with
/// it (a fault trial once read a PATCH's "Upload-Offset: 1048576" as the answer to the OPTIONS before it).
/// </summary>
public sealed class AcknowledgedOffsetsTests
{
    [Fact]
    public void An_answer_reported_before_its_request_is_paired_with_that_request()
    {
        var offsets = new AcknowledgedOffsets();
        Send(offsets, "OPTIONS /uploads/ HTTP/1.1\r\nHost: x\r\n\r\n");
        Answer(offsets, "HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\n\r\n");
        // The PATCH's answer overtakes the report of the PATCH itself.
        Answer(offsets, "HTTP/1.1 204 No Content\r\nUpload-Offset: 1048576\r\n\r\n");
        Send(offsets, "PATCH /uploads/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz");
        Send(offsets, "HEAD /uploads/abc HTTP/1.1\r\nHost: x\r\n\r\n");
        Answer(offsets, "HTTP/1.1 200 OK\r\nUpload-Offset: 1048579\r\n\r\n");

        Assert.Equal(
            [new Acknowledgement(0, "/uploads/abc", "PATCH", 204, 1048576), new Acknowledgement(1, "/uploads/abc", "HEAD", 200, 1048579)],
            offsets.All);
    }

    [Fact]
    public void A_creation_is_recorded_under_the_upload_it_created()
    {
        var offsets = new AcknowledgedOffsets();
        Send(offsets, "POST /uploads HTTP/1.1\r\nHost: x\r\nUpload-Length: 10\r\n\r\n");
        Answer(offsets, "HTTP/1.1 201 Created\r\nLocation: http://127.0.0.1:1/uploads/new\r\nUpload-Offset: 0\r\n\r\n");

        Assert.Equal([new Acknowledgement(0, "/uploads/new", "POST", 201, 0)], offsets.All);
    }

    private static void Send(AcknowledgedOffsets offsets, string text) =>
        offsets.Observe(0, FaultDirection.ToServer, Encoding.Latin1.GetBytes(text));

    private static void Answer(AcknowledgedOffsets offsets, string text) =>
        offsets.Observe(0, FaultDirection.ToClient, Encoding.Latin1.GetBytes(text));
}
