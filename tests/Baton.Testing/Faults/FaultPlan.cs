namespace Baton.Testing.Faults;

/// <summary>
/// What happens to one proxied connection: after exactly <see cref="AfterBytes"/> bytes have passed in <see cref="Direction"/>,
/// the fault <see cref="Kind"/> fires: at once when a read completes exactly there, else when the next read arrives (0: when the
/// first byte arrives, before it is forwarded). A stream that ends sooner never sees the fault.
/// </summary>
public sealed record FaultPlan(FaultKind Kind, FaultDirection Direction, long AfterBytes, TimeSpan StallFor = default, bool CutAfterStall = false)
{
    public static FaultPlan Pass { get; } = new(FaultKind.Pass, FaultDirection.ToServer, 0);

    public static FaultPlan Hold(FaultDirection direction, long afterBytes) => new(FaultKind.Hold, direction, afterBytes);

    /// <summary>A cut, reset or stall (0.2–2 s, then continue or cut) at a random byte: below <paramref name="maxToServer"/> of the
    /// request stream or below <paramref name="maxToClient"/> of the response stream. Drawn only from <paramref name="random"/>,
    /// so a seeded <see cref="Random"/> gives the same plans every run.</summary>
    public static FaultPlan Random(Random random, long maxToServer, long maxToClient)
    {
        var direction = random.Next(2) == 0 ? FaultDirection.ToServer : FaultDirection.ToClient;
        var after = random.NextInt64(Math.Max(1, direction == FaultDirection.ToServer ? maxToServer : maxToClient));
        return random.Next(4) switch
        {
            0 => new FaultPlan(FaultKind.Cut, direction, after),
            1 => new FaultPlan(FaultKind.Reset, direction, after),
            var stall => new FaultPlan(FaultKind.Stall, direction, after, TimeSpan.FromMilliseconds(random.Next(200, 2000)), CutAfterStall: stall == 3),
        };
    }

    public override string ToString() => Kind switch
    {
        FaultKind.Pass => "pass",
        FaultKind.Stall => $"stall {Direction} after {AfterBytes} B for {StallFor.TotalMilliseconds:0} ms{(CutAfterStall ? " then cut" : "")}",
        _ => $"{Kind.ToString().ToLowerInvariant()} {Direction} after {AfterBytes} B",
    };
}
