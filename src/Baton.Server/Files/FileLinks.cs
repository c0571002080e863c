using System.Text;

namespace Baton.Server.Files;

/// <summary>URLs of stored files, with each path segment percent-encoded (RFC 3986) so any name survives.</summary>
public static class FileLinks
{
    public const string DownloadPrefix = "/files/";

    /// <summary>The download path of <paramref name="relativePath"/> ('/'-separated, below the root), under <paramref name="pathBase"/>.</summary>
    public static string Download(string relativePath, string pathBase = "")
    {
        var builder = new StringBuilder(pathBase.TrimEnd('/')).Append(DownloadPrefix);
        var first = true;
        foreach (var segment in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first)
            {
                builder.Append('/');
            }
            builder.Append(Uri.EscapeDataString(segment));
            first = false;
        }
        return builder.ToString();
    }
}
