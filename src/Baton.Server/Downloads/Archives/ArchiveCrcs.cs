using System.Collections.Concurrent;
using Baton.Protocol.Validators;

namespace Baton.Server.Downloads.Archives;

/// <summary>
/// CRC-32s of file versions, remembered between archive requests: a resumed archive needs the CRCs of the files before the
/// resume point (for the central directory) without reading them again. Keyed by the root-relative name and the file's own
/// entity tag, so a changed file is never given an old CRC. Bounded: past <see cref="Capacity"/> entries the cache is cleared
/// (CRCs are recomputed on demand, never wrong).
/// </summary>
public sealed class ArchiveCrcs
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<(string Name, string Tag), uint> _known = new();

    public bool TryGet(string name, EntityTag tag, out uint crc) => _known.TryGetValue((name, tag.ToString()), out crc);

    public void Remember(string name, EntityTag tag, uint crc)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }
        _known[(name, tag.ToString())] = crc;
    }
}
