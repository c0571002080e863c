namespace Baton.Server.Operations;

/// <summary>Metrics (<c>Baton:Metrics:*</c>): OpenTelemetry instruments of the meter <c>Baton</c>, scraped on <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>Collect metrics and serve <c>/metrics</c>. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Who may scrape <c>/metrics</c>: <c>Loopback</c> (default) — anonymous from 127.0.0.1/::1 only, a token with the
    /// <c>admin</c> permission from elsewhere; <c>Anyone</c> — anonymous from everywhere (a private network behind the
    /// balancer); <c>Admin</c> — always an admin token.</summary>
    public MetricsAccess Access { get; set; } = MetricsAccess.Loopback;
}

/// <summary>Who may scrape <c>/metrics</c> (<see cref="MetricsOptions.Access"/>).</summary>
public enum MetricsAccess
{
    Loopback,
    Anyone,
    Admin,
}
