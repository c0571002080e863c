using System.CommandLine;

namespace Baton.Cli.Output;

/// <summary><c>--retries N</c> shared by get and put: retries after a failure that made no progress.</summary>
public static class RetriesOption
{
    public static Option<int> Create()
    {
        var retries = new Option<int>("--retries")
        {
            Description = "Retries after a failure that made no progress (progress resets the count).",
            DefaultValueFactory = _ => 5,
        };
        retries.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 1000)
            {
                r.AddError("--retries must be between 0 and 1000");
            }
        });
        return retries;
    }
}
