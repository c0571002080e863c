namespace Baton.Storage.Files;

/// <summary>The file changed while it was being read (it shrank, or the backend saw a new version): what was read so far does
/// not belong to the version that was opened.</summary>
public sealed class FileChangedException(string message) : IOException(message);
