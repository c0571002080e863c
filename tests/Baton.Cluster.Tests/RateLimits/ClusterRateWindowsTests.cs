using Baton.Cluster.Hosting;
using Baton.Cluster.RateLimits;
using Baton.Cluster.Tests.Postgres;

namespace Baton.Cluster.Tests.RateLimits;

/// <summary>Shared rate windows: two instances count into one window per caller and limit; windows end on the database's clock.</summary>
public sealed class ClusterRateWindowsTests
{
    [Fact]
    public async Task Two_instances_count_one_window_per_caller_and_limit()
    {
        var (first, connection) = await MigratedDatabase.CreateAsync();
        await using var _ = first;
        await using var second = new ClusterDatabase(connection);
        var a = new ClusterRateWindows(first);
        var b = new ClusterRateWindows(second);
        var window = TimeSpan.FromHours(1); // one window for the whole test, whatever the time of day

        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await a.CountAsync("api", "token:alice", window, CancellationToken.None)).Requests);
            counts.Add((await b.CountAsync("api", "token:alice", window, CancellationToken.None)).Requests);
        }
        Assert.Equal([1, 2, 3, 4, 5, 6], counts);
        Assert.Equal(1, (await b.CountAsync("api", "token:bob", window, CancellationToken.None)).Requests);
        Assert.Equal(1, (await b.CountAsync("upload-creation", "token:alice", window, CancellationToken.None)).Requests);
        var last = await a.CountAsync("api", "token:alice", window, CancellationToken.None);
        Assert.InRange(last.UntilWindowEnds, TimeSpan.FromTicks(1), window);

        Assert.Equal(0, await a.PruneAsync(window, CancellationToken.None)); // the current window stays
        Assert.Equal(3, await a.PruneAsync(-window, CancellationToken.None)); // "ended before an hour from now": all three rows
    }
}
