using System.Security.Cryptography;
using Baton.Faults.Tests.Uploads;
using Baton.Testing;
using Baton.Testing.Faults;
using Xunit.Abstractions;

namespace Baton.Faults.Tests.Trials;

/// <summary>
/// One seeded trial: a temp folder, a <c>baton serve</c> process on its own root and port, a <see cref="FaultProxy"/> in front of
/// it whose plans come from <see cref="Schedule"/>, and the offsets acknowledged through it. Everything random comes from
/// <see cref="Random"/> (seeded), and the seed is the first line logged.
/// </summary>
public sealed class Trial : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly int _port;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Trial(int seed, string kind, ITestOutputHelper output)
    {
        Seed = seed;
        Random = new Random(seed);
        _output = output;
        _port = FreePort.Next();
        Log($"seed {seed}; reproduce: BATON_FAULT_SEED={seed} BATON_FAULT_TRIALS=1 dotnet test tests/Baton.Faults.Tests -c Release " +
            $"--filter \"FullyQualifiedName~{kind}\"");
        Directory.CreateDirectory(Root);
        Proxy = new FaultProxy(_port, Schedule.PlanFor, Log) { Observer = Observe };
    }

    public int Seed { get; }

    public Random Random { get; }

    public TempDirectory Work { get; } = new("baton-faults-");

    public string Root => Work.Combine("root");

    public FaultSchedule Schedule { get; } = new();

    public AcknowledgedOffsets Offsets { get; } = new();

    public FaultProxy Proxy { get; }

    /// <summary>Also sees every forwarded byte (after <see cref="Offsets"/>), inside the proxy's pump.</summary>
    public ForwardedBytes? OnForwarded { get; set; }

    public ServeProcess Server { get; private set; } = null!;

    /// <summary>Completes when the current server is accepting; replaced at each restart.</summary>
    public Task Ready => Volatile.Read(ref _ready).Task;

    /// <summary>The server itself, bypassing the proxy: for checks after the faults.</summary>
    public Uri Direct => Server.Url;

    public static async Task<Trial> StartAsync(int seed, string kind, ITestOutputHelper output)
    {
        var trial = new Trial(seed, kind, output);
        await trial.StartServerAsync();
        return trial;
    }

    public void Log(string line)
    {
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A proxy pump still logging after the test finished.
        }
    }

    /// <summary>kill -9 of the server, then a start on the same root and port.</summary>
    public async Task RestartServerAsync(string why)
    {
        Interlocked.Exchange(ref _ready, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await Server.Process.KillAsync();
        Log($"server killed ({why}); proxy had passed {Proxy.BytesToServer} B to it");
        await Server.DisposeAsync();
        await StartServerAsync();
        Log("server restarted on the same root and port");
    }

    private void Observe(int connection, FaultDirection direction, ReadOnlySpan<byte> bytes)
    {
        Offsets.Observe(connection, direction, bytes);
        OnForwarded?.Invoke(connection, direction, bytes);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private async Task StartServerAsync()
    {
        Server = await ServeProcess.StartAsync(Root, _port);
        Volatile.Read(ref _ready).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Log($"proxy: {Proxy.Connections} connections, {Proxy.FaultsFired} faults fired, {Proxy.BytesToServer} B to the server, " +
            $"{Proxy.BytesToClient} B to the client");
        await Proxy.DisposeAsync();
        var serverLog = Server.Process.Output;
        await Server.DisposeAsync();
        foreach (var line in serverLog.Split('\n').Where(l => l.Contains("fail", StringComparison.Ordinal) || l.Contains("crit", StringComparison.Ordinal)))
        {
            Log("server: " + line.TrimEnd());
        }
        Work.Dispose();
    }
}
