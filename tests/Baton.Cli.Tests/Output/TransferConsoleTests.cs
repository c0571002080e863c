using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.Output;
using Baton.Client.Transfers;

namespace Baton.Cli.Tests.Output;

public class TransferConsoleTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private TransferConsole Console(OutputMode mode) => new(mode, _out, _err);

    [Fact]
    public void An_error_is_one_line_on_stderr_with_the_failure_exit_code()
    {
        var code = Console(OutputMode.Plain).Error(new TransferException(TransferFailure.VerificationFailed, "sha-256 mismatch:\nexpected a, got b"));

        Assert.Equal(ExitCodes.VerificationFailed, code);
        Assert.Equal("baton: error: sha-256 mismatch: expected a, got b" + Environment.NewLine, _err.ToString());
        Assert.Empty(_out.ToString());
    }

    [Fact]
    public void Json_mode_adds_a_machine_readable_error_and_result()
    {
        var console = Console(OutputMode.Json);

        console.Result("ignored", new JsonObject { ["path"] = "/tmp/x" });
        var code = console.Error(new TransferException(TransferFailure.NotFound, "gone"));

        var lines = _out.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("result", lines[0].GetProperty("type").GetString());
        Assert.Equal("/tmp/x", lines[0].GetProperty("path").GetString());
        Assert.Equal("error", lines[1].GetProperty("type").GetString());
        Assert.Equal(code, lines[1].GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Quiet_mode_prints_no_progress_notice_or_result()
    {
        var console = Console(OutputMode.Quiet);

        await console.RunAsync<int>(progress =>
        {
            Assert.Null(progress);
            return Task.FromResult(0);
        });
        console.Notice("hello");
        console.Result("done", []);

        Assert.Empty(_out.ToString());
        Assert.Empty(_err.ToString());
    }

    [Fact]
    public async Task Json_progress_lines_carry_bytes_total_and_connections()
    {
        await Console(OutputMode.Json).RunAsync(progress =>
        {
            progress!.Report(new TransferProgress("a.bin", 10, 100, 5, 3, TransferPhase.Transferring));
            return Task.FromResult(0);
        });

        var line = JsonDocument.Parse(_out.ToString()).RootElement;
        Assert.Equal("progress", line.GetProperty("type").GetString());
        Assert.Equal(10, line.GetProperty("bytes").GetInt64());
        Assert.Equal(100, line.GetProperty("total").GetInt64());
        Assert.Equal(3, line.GetProperty("connections").GetInt32());
    }

    [Fact]
    public void Plain_progress_shows_bytes_percent_speed_eta_and_connections()
    {
        var text = PlainProgress.Describe(new TransferProgress("a.bin", 1 << 20, 4 << 20, 1 << 20, 4, TransferPhase.Transferring));

        Assert.Equal("a.bin: 1.0 MiB / 4.0 MiB 25% 1.0 MiB/s ETA 0:00:03, 4 connections", text);
    }

    [Fact]
    public void Plain_progress_names_the_hashing_phase_with_its_bytes_and_rate()
    {
        var text = PlainProgress.Describe(new TransferProgress("a.bin", 2 << 20, 4 << 20, 1 << 20, 0, TransferPhase.Hashing));

        Assert.Equal("a.bin: hashing 2.0 MiB / 4.0 MiB 50% 1.0 MiB/s ETA 0:00:02", text);
    }

    [Fact]
    public void Every_failure_has_its_own_non_zero_exit_code()
    {
        var codes = Enum.GetValues<TransferFailure>().Select(ExitCodes.For).ToList();

        Assert.DoesNotContain(ExitCodes.Success, codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
