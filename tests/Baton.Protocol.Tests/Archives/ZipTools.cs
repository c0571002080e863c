using System.Text.Json;
using Baton.Testing;

namespace Baton.Protocol.Tests.Archives;

/// <summary>The independent readers archives are checked with: Info-ZIP's unzip and zipinfo, and Python's zipfile.</summary>
internal static class ZipTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Lists the central directory as Python's zipfile reads it; with <paramref name="test"/> it also reads every
    /// member and checks its CRC-32 (testzip) and reports the first bad name or null.</summary>
    private const string PythonScript = """
        import json, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            entries = [{"name": i.filename, "size": i.file_size, "csize": i.compress_size, "crc": i.CRC,
                        "offset": i.header_offset, "date_time": list(i.date_time), "flags": i.flag_bits,
                        "method": i.compress_type, "system": i.create_system, "attr": i.external_attr,
                        "is_dir": i.is_dir(), "version": i.extract_version} for i in z.infolist()]
            bad = z.testzip() if sys.argv[2] == "test" else None
        print(json.dumps({"entries": entries, "bad": bad}))
        """;

    public static async Task<PythonZip> PythonAsync(string archive, bool test)
    {
        var output = await RunAsync("python3", ["-c", PythonScript, archive, test ? "test" : "list"], expectSuccess: true);
        return JsonSerializer.Deserialize<PythonZip>(output.Trim(), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary><c>unzip -t</c>: reads every member through its local header and checks its CRC-32.</summary>
    public static Task<string> UnzipTestAsync(string archive) => RunAsync("unzip", ["-t", archive], expectSuccess: true);

    /// <summary><c>zipinfo -v</c>: every central and local field, with Info-ZIP's own consistency warnings.</summary>
    public static Task<string> ZipInfoAsync(string archive) => RunAsync("zipinfo", ["-v", archive], expectSuccess: true);

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, bool expectSuccess)
    {
        await using var process = await RunningProcess.RunAsync(program, arguments, Timeout);
        if (expectSuccess)
        {
            Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}:\n{process.Output}");
        }
        return process.Output;
    }
}
