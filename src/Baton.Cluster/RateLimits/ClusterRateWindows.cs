using Baton.Cluster.Hosting;
using Npgsql;

namespace Baton.Cluster.RateLimits;

/// <summary>
/// Per-caller fixed windows shared by every instance (table <c>baton_rate_windows</c>): one UPSERT per counted request adds it to
/// its caller's current window and returns the window's count, so N requests per window hold for the cluster together. Windows
/// start on the database's clock (<c>date_bin</c> over <c>now()</c>), so instances with skewed clocks still share them.
/// </summary>
public sealed class ClusterRateWindows(ClusterDatabase database)
{
    /// <summary>Counts one request of <paramref name="caller"/> against <paramref name="rateLimit"/>; returns the requests in the
    /// current window including this one, and how long until the window ends.</summary>
    public Task<RateWindowCount> CountAsync(string rateLimit, string caller, TimeSpan window, CancellationToken cancellation) =>
        database.CallAsync("rate limit", async connection =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO baton_rate_windows AS w (rate_limit, caller, window_start, requests)
                VALUES ($1, $2, date_bin($3, now(), timestamptz '2000-01-01 00:00:00+00'), 1)
                ON CONFLICT (rate_limit, caller, window_start) DO UPDATE SET requests = w.requests + 1
                RETURNING requests, extract(epoch FROM (window_start + $3 - now()))::float8
                """, connection);
            command.Parameters.AddWithValue(rateLimit);
            command.Parameters.AddWithValue(caller);
            command.Parameters.AddWithValue(window);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            await reader.ReadAsync(cancellation).ConfigureAwait(false);
            return new RateWindowCount(reader.GetInt32(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))));
        }, cancellation);

    /// <summary>Deletes windows that ended before <paramref name="olderThan"/> ago (they no longer count); returns how many.</summary>
    public Task<int> PruneAsync(TimeSpan olderThan, CancellationToken cancellation) =>
        database.CallAsync("rate limit prune", async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM baton_rate_windows WHERE window_start < now() - $1", connection);
            command.Parameters.AddWithValue(olderThan);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }, cancellation);
}

/// <summary>A caller's requests in the current window (this one included) and the time until the window ends.</summary>
public readonly record struct RateWindowCount(int Requests, TimeSpan UntilWindowEnds);
