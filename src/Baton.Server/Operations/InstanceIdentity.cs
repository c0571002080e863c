using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Baton.Server.Operations;

/// <summary>
/// This instance's name in logs (<see cref="InstanceLogScope"/>) and at start: <c>Baton:InstanceId</c>, or host name, process id
/// and a short random suffix — unique among the instances of a cluster even when two share a host and a recycled pid.
/// </summary>
public sealed class InstanceIdentity(IOptions<BatonOptions> options)
{
    private readonly Lazy<string> _id = new(() => Resolve(options));

    public string Id => _id.Value;

    /// <summary>Pure: the default id from its parts (<c>host-pid-suffix</c>).</summary>
    public static string Default(string host, int processId, string suffix) => $"{host}-{processId}-{suffix}";

    private static string Resolve(IOptions<BatonOptions> options)
    {
        string configured;
        try
        {
            configured = options.Value.InstanceId;
        }
        catch (OptionsValidationException)
        {
            // Logging starts before start-up validation reports the bad setting; that report needs an id too.
            configured = "";
        }
        return configured.Length > 0
            ? configured
            : Default(Environment.MachineName, Environment.ProcessId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
    }
}
