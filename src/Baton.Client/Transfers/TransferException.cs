namespace Baton.Client.Transfers;

/// <summary>A transfer that cannot complete; <see cref="Exception.Message"/> is one line fit to show a user.</summary>
public sealed class TransferException : Exception
{
    public TransferException(TransferFailure failure, string message, Exception? inner = null)
        : base(message, inner) => Failure = failure;

    public TransferFailure Failure { get; }

    /// <summary>The HTTP status that caused the failure, when there was one.</summary>
    public int? StatusCode { get; init; }
}
