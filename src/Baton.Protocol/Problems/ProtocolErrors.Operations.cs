namespace Baton.Protocol.Problems;

public static partial class ProtocolErrors
{
    /// <summary>RFC 9110 §15.6.4: <c>/readyz</c> — a dependency (storage, the cluster database) does not answer; the <c>down</c>
    /// member lists which (sent with Retry-After).</summary>
    public static readonly ProtocolError NotReady =
        Make(503, "not-ready", "A service this server depends on does not answer; retry after the time given in Retry-After.");

    /// <summary>The <see cref="NotReady"/> problem naming what is down.</summary>
    public static ProtocolError NotReadyBecause(IReadOnlyList<string> down) =>
        NotReady.WithDetail("Not answering: " + string.Join(", ", down) + ".").WithMember("down", down.ToArray());
}
