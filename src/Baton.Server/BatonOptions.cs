using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Baton.Server.Auth;
using Baton.Server.Downloads;
using Baton.Server.Uploads;

namespace Baton.Server;

/// <summary>
/// Baton's settings. Bound from the <c>Baton</c> configuration section (appsettings.json, or environment variables
/// <c>BATON_ROOT</c>, <c>BATON_DOWNLOADS__MAXRANGES</c>… when hosted by the CLI) and validated at start.
/// </summary>
public sealed class BatonOptions
{
    public const string SectionName = "Baton";

    /// <summary>The folder that is served and that completed uploads land in. Created when missing. Default <c>./data</c>.</summary>
    [Required]
    public string Root { get; set; } = "./data";

    /// <summary>Path prefix under which all of Baton's endpoints are mapped by <c>MapBaton()</c>. Default empty (the host's root).</summary>
    public string PathBase { get; set; } = "";

    /// <summary>Origins (e.g. <c>https://app.example</c>, or <c>*</c>) whose browser pages may call Baton's endpoints (CORS):
    /// downloads, the Files API, links and uploads. Default none.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>The absolute URL clients reach this server at (e.g. <c>https://files.example</c>), used for the URLs Baton hands
    /// out — upload <c>Location</c>, <c>Baton-File-Url</c>, signed links — so they are the same on every instance behind a load
    /// balancer. Empty (default): paths relative to the request, as before.</summary>
    [RegularExpression(@"^(https?://[^/?#\s]+(/[^?#\s]*)?)?$", ErrorMessage = "Baton:PublicBaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://files.example")]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>This instance's name in logs and metrics. Empty (default): host name, process id and a short random suffix.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How long <c>/readyz</c> waits for each dependency (storage, PostgreSQL) before calling it down. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>OpenTelemetry metrics on <c>/metrics</c> (Prometheus text format).</summary>
    public Operations.MetricsOptions Metrics { get; set; } = new();

    /// <summary>Ranged download settings.</summary>
    [ValidateObjectMembers]
    public DownloadOptions Downloads { get; set; } = new();

    /// <summary>Access control: tokens, signed links, rate limits.</summary>
    [ValidateObjectMembers]
    public AuthOptions Auth { get; set; } = new();

    /// <summary>Resumable upload settings.</summary>
    [ValidateObjectMembers]
    public UploadOptions Uploads { get; set; } = new();
}
