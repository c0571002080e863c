using System.Runtime.InteropServices;

namespace Baton.Cli.Serve;

/// <summary>
/// Caps the GC's young-generation budget of <c>baton serve</c> at 2 MiB (<c>DOTNET_GCgen0size=0x200000</c>). By default the
/// workstation GC sizes that budget from the CPU's cache (~16–18 MiB of allocation space kept committed here), which put the
/// server's peak at ~157 MiB with 200 uploads and 200 downloads; with the cap, 146–148 MiB (issue 17's 150 MiB goal) and no loss
/// of throughput measured (bench/analysis.md, "Server memory"). .NET reads this knob only from the environment, never from
/// runtimeconfig.json (it has no <c>System.GC.*</c> name), so the server sets it and replaces itself with <c>execve</c> before
/// anything has started: the same process id, arguments, descriptors and environment plus the one variable. A value already
/// present — including <c>0</c>, the runtime's own default — is left as the operator set it.
/// </summary>
public static partial class Gen0Budget
{
    public const string Variable = "DOTNET_GCgen0size";
    public const string Value = "0x200000";

    /// <summary>Restarts this process image with <see cref="Variable"/> set, when it is not set yet (Linux; elsewhere, or if
    /// <c>execve</c> fails, the server runs with the runtime's default and nothing else changes).</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null
            || Environment.GetEnvironmentVariable("COMPlus_GCgen0size") is not null)
        {
            return;
        }
        try
        {
            // The arguments exactly as the process got them (apphost or `dotnet baton.dll`), and the environment as the kernel
            // holds it: nothing managed code has set yet needs carrying over at this point.
            var arguments = Split(File.ReadAllBytes("/proc/self/cmdline"));
            var environment = Split(File.ReadAllBytes("/proc/self/environ"));
            environment.Add(System.Text.Encoding.UTF8.GetBytes($"{Variable}={Value}"));
            Execute("/proc/self/exe"u8, arguments, environment);
        }
        catch (IOException)
        {
            // /proc unreadable: run as is.
        }
    }

    private static List<byte[]> Split(byte[] block)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] == 0)
            {
                parts.Add(block[start..i]);
                start = i + 1;
            }
        }
        if (start < block.Length)
        {
            parts.Add(block[start..]);
        }
        return parts;
    }

    /// <summary>execve(2): returns only when it failed.</summary>
    private static unsafe void Execute(ReadOnlySpan<byte> path, List<byte[]> arguments, List<byte[]> environment)
    {
        var strings = new List<nint>();
        try
        {
            var argv = Vector(arguments, strings);
            var envp = Vector(environment, strings);
            var file = Terminated(path, strings);
            _ = Execve((byte*)file, (byte**)argv, (byte**)envp);
        }
        finally
        {
            foreach (var block in strings)
            {
                NativeMemory.Free((void*)block);
            }
        }
    }

    private static unsafe nint Vector(List<byte[]> items, List<nint> owned)
    {
        var vector = (nint*)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(nint));
        owned.Add((nint)vector);
        for (var i = 0; i < items.Count; i++)
        {
            vector[i] = Terminated(items[i], owned);
        }
        vector[items.Count] = 0;
        return (nint)vector;
    }

    private static unsafe nint Terminated(ReadOnlySpan<byte> text, List<nint> owned)
    {
        var copy = (byte*)NativeMemory.Alloc((nuint)text.Length + 1);
        owned.Add((nint)copy);
        text.CopyTo(new Span<byte>(copy, text.Length));
        copy[text.Length] = 0;
        return (nint)copy;
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static unsafe partial int Execve(byte* path, byte** argv, byte** envp);
}
