namespace Baton.Storage.Hosting;

/// <summary>Which storage backend holds uploads and served files (configuration: <c>Baton:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section below <c>Baton</c>.</summary>
    public const string SectionName = "Storage";

    /// <summary>The setting named in start-up errors.</summary>
    public const string KindSetting = "Baton:Storage:Kind";

    /// <summary>The backend's kind (<see cref="IStorageBackend.Kind"/>). Default <c>disk</c>.</summary>
    public string Kind { get; set; } = DiskStorageBackend.DiskKind;
}
