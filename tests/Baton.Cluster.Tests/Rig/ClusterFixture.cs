using System.Globalization;
using Baton.Cluster.Tests.Postgres;
using Baton.Server.Auth;
using Baton.Testing;
using Baton.Testing.Cluster;
using Baton.Testing.Faults;

namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// The three-instance cluster the multi-instance tests share (started once per run of the collection). Clients reach it through
/// a <see cref="FaultProxy"/> in front of nginx — the cluster's public address, so a test can hold a client's stream at a known
/// byte — and instances reach PostgreSQL through a <see cref="TcpRelay"/> a test stops and restarts (the shared PostgreSQL
/// itself is never touched). Anonymous callers may do everything; tokens exercise cluster-wide limits.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A token with a storage quota (<see cref="QuotaBytes"/>).</summary>
    public const string QuotaToken = "bt_cluster_quota_0123456789abcdef";

    /// <summary>Tokens that may list, for the API rate limit (<see cref="ApiRequestsPerMinute"/> per caller).</summary>
    public const string ListToken = "bt_cluster_lister_0123456789abcdef";

    public const string SecondListToken = "bt_cluster_lister2_0123456789abcdef";

    public const long QuotaBytes = 3 << 20;

    public const int ApiRequestsPerMinute = 30;

    /// <summary>How long a PATCH waits for a busy upload before asking the holder to let go, and then for the holder: cluster
    /// mode's defaults (docs/cluster.md, a takeover within 2 s), left unconfigured here so the tests hold them to their word.</summary>
    public static readonly TimeSpan LockWait = Baton.Cluster.Hosting.ClusterServiceCollectionExtensions.LockWait;

    public static readonly TimeSpan TakeoverWait = Baton.Cluster.Hosting.ClusterServiceCollectionExtensions.LockTakeoverWait;

    private TcpRelay? _relay;
    private ClusterRig? _rig;
    private FaultProxy? _door;

    public ClusterRig Rig => _rig ?? throw new InvalidOperationException("not started");

    /// <summary>The cluster's public address (every instance's Baton:PublicBaseUrl): the proxy in front of nginx.</summary>
    public Uri Url => _door?.Url ?? throw new InvalidOperationException("not started");

    /// <summary>The proxy in front of nginx, for counters and <see cref="FaultProxy.ReleaseHolds"/>.</summary>
    public FaultProxy Door => _door ?? throw new InvalidOperationException("not started");

    /// <summary>The plan for the next client connections (default: pass everything). Tests that change it put it back.</summary>
    public Func<FaultPlan> ClientPlan { get; set; } = () => FaultPlan.Pass;

    /// <summary>Sees the client connections' bytes (an <see cref="AcknowledgedOffsets"/>); null when nobody watches.</summary>
    public ForwardedBytes? ClientObserver { get; set; }

    /// <summary>Where the door logs its plans and faults (a test's output).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The relay in front of PostgreSQL that every instance connects through.</summary>
    public TcpRelay PostgresRelay => _relay ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _relay = new TcpRelay(new Uri($"tcp://127.0.0.1:{TestDatabase.Port}"));
        // The door's target is nginx's port, known once the cluster runs; nothing connects before that.
        _door = new FaultProxy(0, _ => ClientPlan(), line => Log?.Invoke(line))
        {
            Observer = (connection, direction, bytes) => ClientObserver?.Invoke(connection, direction, bytes),
        };
        _rig = await ClusterRig.StartAsync(Settings(), _relay.Port, _door.Url);
        _door.TargetPort = _rig.Url.Port;
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BATON_AUTH__ANONYMOUSPERMISSIONS__0"] = nameof(BatonPermissions.All),
            ["BATON_AUTH__APIREQUESTSPERMINUTE"] = ApiRequestsPerMinute.ToString(CultureInfo.InvariantCulture),
        };
        AddToken(settings, 0, "quota", QuotaToken, [BatonPermissions.Upload, BatonPermissions.Download], QuotaBytes);
        AddToken(settings, 1, "lister", ListToken, [BatonPermissions.List], 0);
        AddToken(settings, 2, "lister2", SecondListToken, [BatonPermissions.List], 0);
        return settings;
    }

    private static void AddToken(Dictionary<string, string?> settings, int index, string name, string secret, BatonPermissions[] permissions, long quota)
    {
        var prefix = $"BATON_AUTH__TOKENS__{index}__";
        settings[prefix + "NAME"] = name;
        settings[prefix + "SHA256"] = TokenStore.Hash(secret);
        settings[prefix + "QUOTABYTES"] = quota.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < permissions.Length; i++)
        {
            settings[$"{prefix}PERMISSIONS__{i}"] = permissions[i].ToString();
        }
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
        if (_door is not null)
        {
            await _door.DisposeAsync();
        }
    }
}
