using System.Collections.Concurrent;
using System.Security.Cryptography;
using Baton.Protocol.Possession;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// The proof-of-possession challenges handed out and not yet answered, per upload (issue 15 item 3). Each is answered at most once
/// (<see cref="Take"/> removes it) and lives <see cref="Lifetime"/>. Kept in memory: a restart forgets them, and the answer is then
/// treated as wrong — the client uploads the bytes, which always works.
/// </summary>
public sealed class ProofChallenges(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Pending challenges kept at most; past it, expired ones are dropped, then arbitrary ones.</summary>
    public const int MaxPending = 100_000;

    private readonly ConcurrentDictionary<string, (PossessionChallenge Challenge, DateTimeOffset Expires)> _pending = new(StringComparer.Ordinal);

    /// <summary>A new challenge for the upload <paramref name="uploadId"/> of <paramref name="length"/> bytes, replacing any earlier one.</summary>
    public PossessionChallenge Issue(string uploadId, long length)
    {
        var now = time.GetUtcNow();
        if (_pending.Count >= MaxPending)
        {
            foreach (var (id, pending) in _pending)
            {
                if (pending.Expires < now || _pending.Count >= MaxPending)
                {
                    _pending.TryRemove(id, out _);
                }
            }
        }
        var challenge = PossessionChallenge.Choose(length, RandomNumberGenerator.GetBytes(PossessionChallenge.NonceLength));
        _pending[uploadId] = (challenge, now + Lifetime);
        return challenge;
    }

    /// <summary>The pending challenge of <paramref name="uploadId"/>, removed (one answer per challenge); null when none is valid.</summary>
    public PossessionChallenge? Take(string uploadId) =>
        _pending.TryRemove(uploadId, out var pending) && pending.Expires >= time.GetUtcNow() ? pending.Challenge : null;
}
