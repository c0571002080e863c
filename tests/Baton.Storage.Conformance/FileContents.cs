using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.Conformance;

/// <summary>Reads stored files through the contracts under test.</summary>
public static class FileContents
{
    public static RelativePath PathOf(string name) =>
        RelativePath.TryParse(name, allowHidden: false, out var path) == PathCheck.Valid ? path : throw new ArgumentException(name);

    /// <summary>The whole file at <paramref name="name"/>, or null when nothing is there.</summary>
    public static async Task<byte[]?> ReadAllAsync(IFileSource files, string name)
    {
        await using var reader = await files.OpenAsync(PathOf(name), CancellationToken.None);
        if (reader is null)
        {
            return null;
        }
        using var range = reader.OpenRange(0, reader.Version.Length);
        using var copy = new MemoryStream();
        await range.CopyToAsync(copy);
        return copy.ToArray();
    }
}
