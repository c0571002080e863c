namespace Baton.Storage.Files;

/// <summary>What identifies stored content (issue 15): its SHA-256 and its length — the same digest with another length is other
/// content. <see cref="Id"/> (<c>HEX-LENGTH</c>) names it in an index.</summary>
public sealed record ContentKey(string Sha256Hex, long Length)
{
    public static ContentKey Of(ReadOnlySpan<byte> sha256, long length) => new(Convert.ToHexStringLower(sha256), length);

    public string Id => Sha256Hex + "-" + Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool Matches(ReadOnlySpan<byte> sha256, long length) => length == Length && Convert.ToHexStringLower(sha256) == Sha256Hex;

    public override string ToString() => Id;
}
