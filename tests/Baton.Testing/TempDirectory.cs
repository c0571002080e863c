namespace Baton.Testing;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? prefix = null)
    {
        Path = Directory.CreateTempSubdirectory(prefix ?? "baton-test-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="length"/> random bytes to <paramref name="relative"/> and returns its full path. An existing
    /// file is replaced the way publishing tools do it (a new file renamed over the old one), so a server still reading the old
    /// file — or holding .NET's advisory lock on it — never makes the write fail.</summary>
    public string WriteRandomFile(string relative, long length, int seed = 1)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var random = new Random(seed);
        var buffer = new byte[Math.Min(length, 1 << 20)];
        var temporary = full + ".writing-" + Guid.NewGuid().ToString("N");
        using (var stream = File.Create(temporary))
        {
            for (long written = 0; written < length; written += buffer.Length)
            {
                random.NextBytes(buffer);
                stream.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
            }
        }
        File.Move(temporary, full, overwrite: true);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file; the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
