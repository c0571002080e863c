using Baton.Protocol.Possession;

namespace Baton.Storage.Possession;

/// <summary>
/// The proof-of-possession challenges handed out and not yet answered, per upload (issue 15 item 3). Each is answered at most once
/// (<see cref="TakeAsync"/> removes it) and lives <see cref="Lifetime"/>. A forgotten challenge (a restart, another instance
/// without shared state) makes the answer count as wrong — the client then uploads the bytes, which always works. In memory by
/// default; in cluster mode shared by every instance (docs/cluster.md), so a challenge issued by one is answered on another.
/// </summary>
public interface IProofChallenges
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A new challenge for the upload <paramref name="uploadId"/> of <paramref name="length"/> bytes, replacing any earlier one.</summary>
    Task<PossessionChallenge> IssueAsync(string uploadId, long length, CancellationToken cancellation);

    /// <summary>The pending challenge of <paramref name="uploadId"/>, removed (one answer per challenge); null when none is valid.</summary>
    Task<PossessionChallenge?> TakeAsync(string uploadId, CancellationToken cancellation);
}
