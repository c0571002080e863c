using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>The S3 backend has no <c>IFileTree</c> yet: the Files API's folder changes answer 405 with a problem body there
/// instead of pretending (the disk backend's folder changes: FolderApiTests).</summary>
[Collection(RgwFixture.Collection)]
public sealed class S3FolderChangesTests(RgwFixture rgw)
{
    [Fact]
    public async Task Folder_changes_on_a_source_without_folders_are_405()
    {
        var options = rgw.Engine.Options();
        await using var server = await S3BatonServer.StartAsync(options);

        using var mkdir = await server.Client.PostAsync("api/files/folders?path=x", null);
        using var move = await server.Client.PostAsync("api/files/move?from=a&to=b", null);
        using var delete = await server.Client.DeleteAsync("api/files?path=x");

        foreach (var response in new[] { mkdir, move, delete })
        {
            Assert.Equal(405, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("urn:baton:problem:method-not-allowed", await response.Content.ReadAsStringAsync());
        }
    }
}
