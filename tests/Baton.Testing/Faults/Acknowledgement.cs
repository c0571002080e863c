namespace Baton.Testing.Faults;

/// <summary>A 2xx response carrying <c>Upload-Offset</c> that reached the client: the server promised these bytes are kept.</summary>
/// <param name="Sequence">Order in which the proxy delivered it to the client.</param>
public sealed record Acknowledgement(long Sequence, string Upload, string Method, int Status, long Offset);
