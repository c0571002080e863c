namespace Baton.Storage.Files;

/// <summary>
/// One opened file version. Everything read through it comes from the version it was opened at (<see cref="Version"/>) — the
/// headers a download sends describe the bytes it sends. Reads past a shrunken end return 0; a backend that can tell the
/// object was replaced under it (S3's If-Match) throws <see cref="FileChangedException"/>.
/// </summary>
public interface IFileReader : IAsyncDisposable
{
    /// <summary>The version the file had when it was opened.</summary>
    FileVersion Version { get; }

    /// <summary>Reads into <paramref name="destination"/> from <paramref name="offset"/>; 0 at the end.</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellation);

    /// <summary>A read-only stream over <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
    Stream OpenRange(long offset, long length);

    /// <summary>The version of the opened file now (equal to <see cref="Version"/> unless it changed meanwhile).</summary>
    ValueTask<FileVersion> CurrentVersionAsync(CancellationToken cancellation);
}
