using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Auth;

/// <summary>The caller must hold <see cref="Permission"/> (or admin). A signed link is good only for its own path.</summary>
public sealed class PermissionRequirement(BatonPermissions permission) : AuthorizationHandler<PermissionRequirement>, IAuthorizationRequirement
{
    public BatonPermissions Permission { get; } = permission;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (BatonCaller.From(context.User) is { } caller && caller.Can(requirement.Permission)
            && (caller.LinkPath is null || (context.Resource is HttpContext http && (http.Request.PathBase + http.Request.Path).Value == caller.LinkPath)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
