namespace Baton.Cli;

/// <summary>The documented exit codes of every <c>baton</c> verb (see README).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An unexpected failure.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
