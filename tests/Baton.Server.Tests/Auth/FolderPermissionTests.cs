using Baton.Testing;
using System.Net;

namespace Baton.Server.Tests.Auth;

/// <summary>Who may change folders: mkdir needs upload, a move upload and delete (it removes the source name), a folder
/// delete needs delete; a reader changes nothing.</summary>
public sealed class FolderPermissionTests : IAsyncLifetime
{
    private readonly AuthTestServer _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string url, string token)
    {
        using var response = await _auth.Server.Client.SendAsync(_auth.Request(method, url, token));
        return response.StatusCode;
    }

    [Fact]
    public async Task Each_folder_change_needs_its_permissions()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "api/files/folders?path=r", AuthTestServer.ReaderToken));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(HttpMethod.Post, "api/files/folders?path=u", AuthTestServer.UploaderToken));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "api/files/move?from=a.txt&to=m.txt", AuthTestServer.UploaderToken));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "api/files/move?from=a.txt&to=m.txt", AuthTestServer.DeleterToken));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Post, "api/files/move?from=a.txt&to=m.txt", AuthTestServer.AdminToken));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Delete, "api/files?path=dir&recursive=true", AuthTestServer.UploaderToken));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Delete, "api/files?path=dir&recursive=true", AuthTestServer.DeleterToken));
        Assert.True(_auth.Server.StoredFileExists("b.txt"));
        Assert.True(_auth.Server.StoredFileExists("m.txt"));
        Assert.False(_auth.Server.StoredFolderExists("dir"));
        Assert.True(_auth.Server.StoredFolderExists("u"));
    }
}
