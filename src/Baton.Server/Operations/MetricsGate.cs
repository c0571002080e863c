namespace Baton.Server.Operations;

/// <summary>Pure: whether a scrape of <c>/metrics</c> may go ahead without credentials, or needs an admin caller.</summary>
public static class MetricsGate
{
    public static bool NeedsAdmin(MetricsAccess access, bool fromLoopback) => access switch
    {
        MetricsAccess.Anyone => false,
        MetricsAccess.Loopback => !fromLoopback,
        _ => true,
    };
}
