namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// Waits for state that lives in another process — an instance's log, PostgreSQL's session table, an instance's answer — by
/// re-checking it until it holds (there is no event to wait on across processes); fails with <c>what</c> after the timeout.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {timeout}: {what}");
            }
            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
