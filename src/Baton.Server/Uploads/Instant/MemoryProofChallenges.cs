using System.Collections.Concurrent;
using System.Security.Cryptography;
using Baton.Protocol.Possession;
using Baton.Storage.Possession;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// Challenges kept in this process's memory (the default, <see cref="IProofChallenges"/>): a restart forgets them, and so does
/// another instance — cluster mode replaces this with the PostgreSQL table every instance reads.
/// </summary>
public sealed class MemoryProofChallenges(TimeProvider time) : IProofChallenges
{
    /// <summary>Pending challenges kept at most; past it, expired ones are dropped, then arbitrary ones.</summary>
    public const int MaxPending = 100_000;

    private readonly ConcurrentDictionary<string, (PossessionChallenge Challenge, DateTimeOffset Expires)> _pending = new(StringComparer.Ordinal);

    public Task<PossessionChallenge> IssueAsync(string uploadId, long length, CancellationToken cancellation)
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
        _pending[uploadId] = (challenge, now + IProofChallenges.Lifetime);
        return Task.FromResult(challenge);
    }

    public Task<PossessionChallenge?> TakeAsync(string uploadId, CancellationToken cancellation) =>
        Task.FromResult(_pending.TryRemove(uploadId, out var pending) && pending.Expires >= time.GetUtcNow() ? pending.Challenge : null);
}
