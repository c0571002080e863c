namespace Baton.Client.Downloads;

/// <summary>
/// The representation is no longer the one the partial bytes came from (a 200 or 416 to a conditional range request, a different
/// complete length or entity tag). Caught by <see cref="FileDownloader"/>, which restarts cleanly or stops — it never splices.
/// </summary>
internal sealed class RemoteChangedException(string message) : Exception(message);
