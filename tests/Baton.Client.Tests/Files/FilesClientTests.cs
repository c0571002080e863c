using Baton.Client.Files;

namespace Baton.Client.Tests.Files;

public class FilesClientTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/files")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/files")]
    [InlineData("http://127.0.0.1:8080/files/", "http://127.0.0.1:8080/api/files")]
    [InlineData("http://127.0.0.1:8080/files/photos/raw/", "http://127.0.0.1:8080/api/files?path=photos%2Fraw")]
    [InlineData("http://127.0.0.1:8080/api/files?path=photos", "http://127.0.0.1:8080/api/files?path=photos")]
    [InlineData("http://127.0.0.1:8080/baton/", "http://127.0.0.1:8080/baton/api/files")]
    [InlineData("http://127.0.0.1:8080/baton/files/a%20b/", "http://127.0.0.1:8080/baton/api/files?path=a%20b")]
    public void Base_folder_and_api_urls_map_to_the_listing_endpoint(string given, string expected)
    {
        Assert.Equal(expected, FilesClient.ListingUrl(new Uri(given)).AbsoluteUri);
    }
}
