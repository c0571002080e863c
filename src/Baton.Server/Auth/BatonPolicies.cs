using Microsoft.AspNetCore.Authorization;

namespace Baton.Server.Auth;

/// <summary>The authorization policies Baton's endpoints require; each uses Baton's scheme (and JWT when configured).</summary>
public static class BatonPolicies
{
    public const string Download = "baton:download";
    public const string List = "baton:list";
    public const string Upload = "baton:upload";
    public const string Delete = "baton:delete";
    public const string Admin = "baton:admin";

    /// <summary>Any authenticated caller (the endpoint checks the specific permission itself).</summary>
    public const string Caller = "baton:caller";

    public static void Add(AuthorizationOptions options, string[] schemes)
    {
        Add(options, Download, BatonPermissions.Download, schemes);
        Add(options, List, BatonPermissions.List, schemes);
        Add(options, Upload, BatonPermissions.Upload, schemes);
        Add(options, Delete, BatonPermissions.Delete, schemes);
        Add(options, Admin, BatonPermissions.Admin, schemes);
        options.AddPolicy(Caller, policy => policy.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser());
    }

    private static void Add(AuthorizationOptions options, string name, BatonPermissions permission, string[] schemes) =>
        options.AddPolicy(name, policy => policy.AddAuthenticationSchemes(schemes).AddRequirements(new PermissionRequirement(permission)));
}
