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
