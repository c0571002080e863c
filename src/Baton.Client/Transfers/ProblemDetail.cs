using System.Text.Json;

namespace Baton.Client.Transfers;

/// <summary>Reads the "detail" (else "title") of an application/problem+json body (RFC 9457) for one-line error messages.</summary>
public static class ProblemDetail
{
    public static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            foreach (var name in new[] { "detail", "title" })
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
