using System.Net;
using System.Text.Encodings.Web;
using Baton.Protocol.Problems;
using Baton.Server.Http;
using Baton.Server.Problems;
using Baton.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>
/// Baton's own scheme. In order: a signed link in the query (valid only for its path), an <c>Authorization: Bearer</c> token,
/// else anonymous — with every permission while no token is configured (open mode), otherwise with
/// <see cref="AuthOptions.AnonymousPermissions"/>. Failures answer problem+json: 401 without usable credentials, 403 for a bad link.
/// </summary>
public sealed class BatonAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ITokenSource tokens,
    LinkSigner links,
    IOptions<BatonOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, new RoutineAuthLogs(logger), encoder)
{
    public const string SchemeName = "Baton";
    private const string LinkErrorItem = "baton.link-error";
    private const string UnavailableItem = "baton.auth-unavailable";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        try
        {
            return await AuthenticateCallerAsync();
        }
        catch (StorageUnavailableException e)
        {
            // Cluster mode: the shared tokens or signing key are in PostgreSQL, which does not answer — a 503 the client retries,
            // not a 401 that tells it its credentials are wrong.
            Context.Items[UnavailableItem] = e;
            return AuthenticateResult.Fail("shared auth state unavailable");
        }
    }

    private async Task<AuthenticateResult> AuthenticateCallerAsync()
    {
        var settings = options.Value.Auth;
        var query = Request.Query;
        if (query.ContainsKey(LinkSigner.SignatureParameter))
        {
            var path = (Request.PathBase + Request.Path).Value ?? "/";
            var method = LinkMethod(Request.Method, path);
            var check = links.Verify(method, path, query[LinkSigner.ExpiresParameter], NullIfEmpty(query[LinkSigner.MaxBytesParameter]),
                query[LinkSigner.SignatureParameter]);
            if (check != LinkCheck.Valid)
            {
                Context.Items[LinkErrorItem] = check == LinkCheck.Expired ? "The link has expired." : "The link's signature does not match.";
                return AuthenticateResult.Fail("invalid signed link");
            }
            var permission = method == HttpMethods.Get ? BatonPermissions.Download : BatonPermissions.Upload;
            var maxBytes = long.TryParse(query[LinkSigner.MaxBytesParameter], out var m) ? m : 0;
            return Success(new BatonCaller("link", permission, MaxUploadSize: maxBytes, LinkPath: path));
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (!Request.IsHttps && !IsLoopback(Context.Connection.RemoteIpAddress) && !settings.AllowTokensOverHttp)
            {
                return AuthenticateResult.Fail("tokens are accepted only over HTTPS from other machines");
            }
            var entry = (await tokens.FindAsync(authorization["Bearer ".Length..].Trim(), Context.RequestAborted)).Entry;
            return entry is null
                // not ours; with JWT configured it may be a JWT, which the JwtBearer scheme judges
                ? (settings.Jwt.Enabled ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("unknown token"))
                : Success(new BatonCaller(entry.Name, entry.Combined, entry.QuotaBytes, entry.MaxUploadSize,
                    Scope: string.IsNullOrWhiteSpace(entry.Scope) ? null : entry.Scope));
        }

        if (!settings.Jwt.Enabled && !await tokens.HasTokensAsync(Context.RequestAborted))
        {
            return Success(new BatonCaller(BatonCaller.AnonymousName, BatonPermissions.All));
        }
        var anonymous = settings.AnonymousPermissions.Aggregate(BatonPermissions.None, (a, p) => a | p);
        return anonymous == BatonPermissions.None
            ? AuthenticateResult.NoResult()
            : Success(new BatonCaller(BatonCaller.AnonymousName, anonymous));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        CrossOriginEndpoints.ApplyTo(Context);
        if (Context.Items[UnavailableItem] is StorageUnavailableException unavailable)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProblemResponder.WriteAsync(Context, ProtocolErrors.StorageUnavailable);
        }
        if (Context.Items[LinkErrorItem] is string linkError)
        {
            return ProblemResponder.WriteAsync(Context, ProtocolErrors.InvalidLink.WithDetail(linkError));
        }
        Response.Headers.WWWAuthenticate = "Bearer realm=\"baton\"";
        return ProblemResponder.WriteAsync(Context, ProtocolErrors.Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        CrossOriginEndpoints.ApplyTo(Context);
        return ProblemResponder.WriteAsync(Context, ProtocolErrors.Forbidden);
    }

    private static AuthenticateResult Success(BatonCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));

    /// <summary>What a link signs for: GET covers HEAD; on an upload resource one link covers HEAD, PATCH and DELETE
    /// (<see cref="LinkSigner.UploadResourceMethod"/>), since resuming needs all three.</summary>
    private string LinkMethod(string method, string path)
    {
        var uploads = options.Value.PathBase.TrimEnd('/') + LinkEndpoints.UploadsPath + "/";
        return path.StartsWith(uploads, StringComparison.Ordinal) ? LinkSigner.UploadResourceMethod
            : HttpMethods.IsHead(method) ? HttpMethods.Get
            : method;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
