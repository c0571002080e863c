namespace Baton.Cli.Output;

/// <summary>How a verb reports progress and results.</summary>
public enum OutputMode
{
    /// <summary>A Spectre.Console progress bar (stdout is a terminal).</summary>
    Rich,
    /// <summary>Plain progress lines on stderr about once a second (stdout is not a terminal).</summary>
    Plain,
    /// <summary>One JSON object per line on stdout: progress, result, error.</summary>
    Json,
    /// <summary>Only errors.</summary>
    Quiet,
}
