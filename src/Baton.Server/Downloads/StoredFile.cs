using Baton.Server.Files;

namespace Baton.Server.Downloads;

/// <summary>An opened stored file: where it is, what it is called, its media type and its version.</summary>
public sealed record StoredFile(string FullPath, string Name, string MediaType, FileVersion Version);
