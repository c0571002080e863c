using Baton.Storage.Locking;
using Microsoft.Extensions.Options;

namespace Baton.Storage.Hosting;

/// <summary>Checks <see cref="UploadLockOptions"/> at start (0 to 10 minutes each).</summary>
public sealed class UploadLockOptionsValidator : IValidateOptions<UploadLockOptions>
{
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, UploadLockOptions options)
    {
        var failures = new List<string>();
        if (options.Wait < TimeSpan.Zero || options.Wait > Max)
        {
            failures.Add($"Baton:Storage:Locks:Wait must be between 00:00:00 and 00:10:00 (is {options.Wait}).");
        }
        if (options.TakeoverWait < TimeSpan.Zero || options.TakeoverWait > Max)
        {
            failures.Add($"Baton:Storage:Locks:TakeoverWait must be between 00:00:00 and 00:10:00 (is {options.TakeoverWait}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
