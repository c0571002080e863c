using Microsoft.Extensions.Options;

namespace Baton.Storage.Hosting;

/// <summary>An unknown <c>Baton:Storage:Kind</c> stops the server at start, naming the setting — never a silent fall-back to disk.</summary>
public sealed class StorageOptionsValidator(IEnumerable<IStorageBackend> backends) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var known = backends.Select(b => b.Kind).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return known.Contains(options.Kind, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{StorageOptions.KindSetting} = '{options.Kind}' is not a storage backend of this server (known: {string.Join(", ", known)}).");
    }
}
