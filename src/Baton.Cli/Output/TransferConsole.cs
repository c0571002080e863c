using System.Text.Json.Nodes;
using Baton.Client.Transfers;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>
/// Everything a verb prints: progress in the chosen <see cref="OutputMode"/>, notices, the result, and errors — always one line
/// on stderr (plus a JSON error object on stdout with <c>--json</c>) with the documented exit code.
/// </summary>
public sealed class TransferConsole(OutputMode mode, TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? time = null)
{
    private readonly TextWriter _out = stdout ?? Console.Out;
    private readonly TextWriter _err = stderr ?? Console.Error;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public OutputMode Mode => mode;

    /// <summary>Runs a transfer with the progress display of the mode.</summary>
    public async Task<T> RunAsync<T>(Func<IProgress<TransferProgress>?, Task<T>> work)
    {
        switch (mode)
        {
            case OutputMode.Rich:
                return await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                        new DownloadedColumn(), new MeasuredRateColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("connecting", autoStart: true, maxValue: 1);
                        return await work(new SpectreProgress(task));
                    });
            case OutputMode.Plain:
                return await work(new PlainProgress(_err, _time));
            case OutputMode.Json:
                return await work(new JsonProgress(_out, _time));
            default:
                return await work(null);
        }
    }

    public void Notice(string message)
    {
        switch (mode)
        {
            case OutputMode.Json:
                _out.WriteLine(new JsonObject { ["type"] = "notice", ["message"] = message }.ToJsonString());
                break;
            case OutputMode.Quiet:
                break;
            default:
                _err.WriteLine("baton: " + OneLine(message));
                break;
        }
    }

    /// <summary>The outcome: a line for people, or the JSON object (with "type":"result") for machines.</summary>
    public void Result(string line, JsonObject json)
    {
        switch (mode)
        {
            case OutputMode.Json:
                json["type"] = "result";
                _out.WriteLine(json.ToJsonString());
                break;
            case OutputMode.Quiet:
                break;
            default:
                _out.WriteLine(line);
                break;
        }
    }

    /// <summary>Prints one error line and returns <paramref name="exitCode"/>.</summary>
    public int Error(string message, int exitCode)
    {
        _err.WriteLine("baton: error: " + OneLine(message));
        if (mode == OutputMode.Json)
        {
            _out.WriteLine(new JsonObject { ["type"] = "error", ["exitCode"] = exitCode, ["message"] = OneLine(message) }.ToJsonString());
        }
        return exitCode;
    }

    /// <summary>Maps a failure to its exit code and prints it.</summary>
    public int Error(Exception e) => e switch
    {
        TransferException t => Error(t.Message, ExitCodes.For(t.Failure)),
        OperationCanceledException => Error("interrupted; run the same command again to resume", ExitCodes.Cancelled),
        HttpRequestException or System.Net.Sockets.SocketException => Error(e.Message, ExitCodes.Network),
        UnauthorizedAccessException or IOException => Error(e.Message, ExitCodes.LocalIo),
        _ => Error(e.Message, ExitCodes.Failure),
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
