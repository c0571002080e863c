using Microsoft.Extensions.Options;

namespace Baton.Storage.Hosting;

/// <summary>Checks <see cref="DiskStorageOptions"/> at start; each failure names its setting.</summary>
public sealed class DiskStorageOptionsValidator : IValidateOptions<DiskStorageOptions>
{
    private const string Prefix = "Baton:Storage:Disk:";

    public ValidateOptionsResult Validate(string? name, DiskStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Durability))
        {
            failures.Add($"{Prefix}Durability must be Full or None.");
        }
        if (options.CheckpointBytes < 64 * 1024)
        {
            failures.Add($"{Prefix}CheckpointBytes must be at least 65536 (is {options.CheckpointBytes}).");
        }
        if (options.StagingBufferSize <= 0 || options.StagingBufferSize % 4096 != 0)
        {
            failures.Add($"{Prefix}StagingBufferSize must be a positive multiple of 4096 (is {options.StagingBufferSize}).");
        }
        if (options.StagingBuffersPerAppend < 2)
        {
            failures.Add($"{Prefix}StagingBuffersPerAppend must be at least 2 (is {options.StagingBuffersPerAppend}).");
        }
        if (options.StagingMemoryLimit < options.StagingBufferSize)
        {
            failures.Add($"{Prefix}StagingMemoryLimit must hold at least one staging buffer (is {options.StagingMemoryLimit}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
