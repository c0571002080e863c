using System.Globalization;
using Baton.Cluster.Tests.Postgres;
using Baton.Server.Auth;
using Baton.Testing;

namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// The three-instance cluster the multi-instance tests share (started once per run of the collection): instances reach
/// PostgreSQL through a <see cref="TcpRelay"/> that <see cref="PostgresOutageTests"/> stops and restarts (the shared PostgreSQL
/// itself is never touched); anonymous callers may do everything; two tokens exercise cluster-wide limits.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A token with a storage quota (<see cref="QuotaBytes"/>).</summary>
    public const string QuotaToken = "bt_cluster_quota_0123456789abcdef";

    /// <summary>A token that may list, for the API rate limit (<see cref="ApiRequestsPerMinute"/> per caller).</summary>
    public const string ListToken = "bt_cluster_lister_0123456789abcdef";

    public const long QuotaBytes = 3 << 20;

    public const int ApiRequestsPerMinute = 30;

    /// <summary>How long a PATCH waits for a busy upload before asking the holder to let go, and then for the holder.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan TakeoverWait = TimeSpan.FromSeconds(2);

    private TcpRelay? _relay;
    private ClusterRig? _rig;

    public ClusterRig Rig => _rig ?? throw new InvalidOperationException("not started");

    /// <summary>The relay in front of PostgreSQL that every instance connects through.</summary>
    public TcpRelay PostgresRelay => _relay ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _relay = new TcpRelay(new Uri($"tcp://127.0.0.1:{TestDatabase.Port}"));
        _rig = await ClusterRig.StartAsync(Settings(), _relay.Port);
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BATON_AUTH__ANONYMOUSPERMISSIONS__0"] = nameof(BatonPermissions.All),
            ["BATON_AUTH__APIREQUESTSPERMINUTE"] = ApiRequestsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["BATON_STORAGE__LOCKS__WAIT"] = LockWait.ToString("c", CultureInfo.InvariantCulture),
            ["BATON_STORAGE__LOCKS__TAKEOVERWAIT"] = TakeoverWait.ToString("c", CultureInfo.InvariantCulture),
        };
        AddToken(settings, 0, "quota", QuotaToken, [BatonPermissions.Upload, BatonPermissions.Download], QuotaBytes);
        AddToken(settings, 1, "lister", ListToken, [BatonPermissions.List], 0);
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
    }
}
