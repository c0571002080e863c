namespace Baton.Protocol.Problems;

/// <summary>
/// The catalogue of every protocol rejection. It is one type split over files by feature
/// (<c>ProtocolErrors.*.cs</c>); each entry names its status and problem type once.
/// Problem types are URNs (<c>urn:baton:problem:…</c>) documented in docs/problems.md, except where a
/// specification registers its own type (the IETF resumable-upload draft), which is used verbatim.
/// </summary>
public static partial class ProtocolErrors
{
    internal const string Prefix = "urn:baton:problem:";

    internal static ProtocolError Make(int status, string slug, string title) => new(status, Prefix + slug, title);

    /// <summary>400: the request path is not a safe path below the served root.</summary>
    public static readonly ProtocolError InvalidPath = Make(400, "invalid-path", "The path is not a valid path below the served root.");

    /// <summary>404: nothing is stored at that path (also used where existence must not be revealed).</summary>
    public static readonly ProtocolError NotFound = Make(404, "not-found", "Nothing is stored at this address.");

    /// <summary>405: the method is not supported on this resource.</summary>
    public static readonly ProtocolError MethodNotAllowed = Make(405, "method-not-allowed", "The method is not allowed on this resource.");

    /// <summary>500: an unexpected failure; the detail never carries internals.</summary>
    public static readonly ProtocolError Internal = Make(500, "internal", "The server failed to complete the request.");
}
