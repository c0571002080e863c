namespace Baton.Protocol.Archives;

/// <summary>
/// Where <see cref="ZipWriter"/> gets what the plan does not hold: the entries' bytes and their CRC-32s. The server backs it
/// with its file source and a CRC cache (filled at upload completion, on demand, and from <see cref="Crc32ComputedAsync"/>).
/// </summary>
public interface IZipContent
{
    /// <summary>
    /// Copies exactly <paramref name="count"/> bytes of <paramref name="entry"/>'s data, from <paramref name="offset"/>, into
    /// <paramref name="destination"/>. The bytes must be the version the entry's validator names; a source that finds the file
    /// changed must throw rather than send other bytes (a resumed archive would otherwise be spliced from two states).
    /// </summary>
    ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// The CRC-32 (ISO-HDLC, as <c>System.IO.Hashing.Crc32</c>) of the entry's whole data. Asked for a data descriptor whose
    /// data was not sent whole in this request, and for every central-directory record of a non-empty file.
    /// </summary>
    ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Told the CRC-32 the writer computed while it sent an entry's data whole, so the source can remember it for the central
    /// directory and later requests. The default ignores it.
    /// </summary>
    ValueTask Crc32ComputedAsync(ZipEntry entry, uint crc32, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
