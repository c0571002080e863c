using System.CommandLine;

namespace Baton.Cli.Output;

/// <summary><c>--limit-rate RATE</c> shared by get and put: a byte rate such as 500k or 2m (binary units).</summary>
public static class LimitRateOption
{
    public static Option<long?> Create(string what) => new("--limit-rate")
    {
        Description = $"Maximum speed for the whole {what}, e.g. 500k, 2m (bytes per second, binary units).",
        CustomParser = r =>
        {
            if (ByteSize.TryParse(r.Tokens[0].Value, out var bytes))
            {
                return bytes;
            }
            r.AddError($"--limit-rate: '{r.Tokens[0].Value}' is not a rate like 500k or 2m");
            return null;
        },
    };
}
