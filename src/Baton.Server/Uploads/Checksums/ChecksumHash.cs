using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Baton.Server.Uploads.Checksums;

/// <summary>
/// An incremental hash for one tus checksum algorithm: <c>sha1</c>, <c>md5</c>, <c>sha256</c>, <c>sha512</c>, or <c>crc32</c>
/// (as the 4 big-endian bytes of the IEEE CRC-32, as tusd and the tus reference clients encode it).
/// </summary>
internal sealed class ChecksumHash : IDisposable
{
    private readonly IncrementalHash? _hash;
    private readonly Crc32? _crc;

    public ChecksumHash(string algorithm)
    {
        Algorithm = algorithm;
        if (algorithm == "crc32")
        {
            _crc = new Crc32();
            return;
        }
        _hash = IncrementalHash.CreateHash(algorithm switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "md5" => HashAlgorithmName.MD5,
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unsupported checksum algorithm"),
        });
    }

    public string Algorithm { get; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_crc is not null)
        {
            _crc.Append(bytes);
        }
        else
        {
            _hash!.AppendData(bytes);
        }
    }

    public byte[] Finish()
    {
        if (_crc is null)
        {
            return _hash!.GetHashAndReset();
        }
        var bigEndian = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bigEndian, _crc.GetCurrentHashAsUInt32());
        return bigEndian;
    }

    public void Dispose() => _hash?.Dispose();
}
