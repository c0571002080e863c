using Baton.Client.Requests;
using Baton.Client.Transfers;
using Baton.Client.Uploads;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Testing;

namespace Baton.Client.Tests.Uploads;

/// <summary>Issue 16: which protocol and interop version <c>--protocol auto|tus|ietf</c> settles on from a server's real OPTIONS answer.</summary>
public class ProtocolDiscoveryTests
{
    private static async Task<TusCapabilities> DiscoverAsync(UploadProtocol protocol, string? tusVersion, string? interopVersions)
    {
        await using var server = await HeaderRecordingServer.StartAsync(context =>
        {
            if (tusVersion is not null)
            {
                context.Response.Headers[TusHeaders.TusVersion] = tusVersion;
                context.Response.Headers[TusHeaders.Extension] = "creation";
            }
            if (interopVersions is not null)
            {
                context.Response.Headers[ResumableUploadHeaders.SupportedInteropVersions] = interopVersions;
            }
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var http = RequestPipeline.CreateClient();
        return await TusCapabilities.DiscoverAsync(http, server.Url("uploads/"), protocol, CancellationToken.None);
    }

    [Fact]
    public async Task Auto_prefers_tus_when_both_are_advertised()
    {
        var found = await DiscoverAsync(UploadProtocol.Auto, "1.0.0", "6, 7, 8, 9");

        Assert.Equal(UploadProtocol.Tus, found.Protocol);
    }

    [Fact]
    public async Task Auto_speaks_ietf_at_the_newest_common_interop_version_when_only_that_is_advertised()
    {
        var found = await DiscoverAsync(UploadProtocol.Auto, null, "5, 6, 7, 12");

        Assert.Equal((UploadProtocol.Ietf, (int?)7), (found.Protocol, found.InteropVersion));
    }

    [Fact]
    public async Task Ietf_without_advertised_versions_uses_interop_6()
    {
        var found = await DiscoverAsync(UploadProtocol.Ietf, "1.0.0", null);

        Assert.Equal((UploadProtocol.Ietf, (int?)6), (found.Protocol, found.InteropVersion));
    }

    [Fact]
    public async Task Ietf_against_a_server_with_only_unknown_interop_versions_is_a_protocol_failure()
    {
        var e = await Assert.ThrowsAsync<TransferException>(() => DiscoverAsync(UploadProtocol.Ietf, null, "3, 4, 5"));

        Assert.Equal(TransferFailure.Protocol, e.Failure);
        Assert.Contains("interop versions 3, 4, 5; baton speaks 6, 7, 8, 9", e.Message);
    }
}
