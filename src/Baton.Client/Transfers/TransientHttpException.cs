namespace Baton.Client.Transfers;

/// <summary>A response worth retrying (5xx, 408, 429, or a stall) rather than a final answer.</summary>
public sealed class TransientHttpException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
