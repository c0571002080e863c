namespace Baton.Client.Uploads;

/// <summary>The outcome of a finished upload.</summary>
/// <param name="UploadUrl">The tus upload resource (the final one for a concatenation).</param>
/// <param name="FileUrl">Where the file can be downloaded, when the server said so (Baton-File-Url or Content-Location); else the upload URL.</param>
/// <param name="Resumed">Bytes acknowledged in an earlier run were kept.</param>
/// <param name="Parts">Partial uploads used (1 without concatenation).</param>
/// <param name="Verified">The stored file's SHA-256 (its Repr-Digest, asked for after completion) equals the local file's.
/// False when the server offers no such check (no Baton-File-Digest) or did not answer it; a mismatch is an error instead.</param>
/// <param name="AlreadyStored">The server already held the content and completed the upload from its digest: no byte was sent
/// (digest-first creation, <see cref="UploadOptions.AsCopy"/>).</param>
public sealed record UploadResult(Uri UploadUrl, Uri FileUrl, long Length, bool Resumed, int Parts, bool Verified = false,
    bool AlreadyStored = false);
