using System.Diagnostics;
using Baton.Client.Transfers;

namespace Baton.Client.Tests.Transfers;

public class TokenBucketTests
{
    [Fact]
    public async Task Shared_takers_together_stay_near_the_rate()
    {
        const int rate = 4 << 20;
        var bucket = new TokenBucket(rate);
        var watch = Stopwatch.StartNew();

        // Four "connections" take 4 MiB in all: after the quarter-second burst (1 MiB), 3 MiB at 4 MiB/s need 0.75 s.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 16; i++)
            {
                await bucket.TakeAsync(64 * 1024, CancellationToken.None);
            }
        }));

        Assert.InRange(watch.Elapsed.TotalSeconds, 0.68, 3);
    }
}
