namespace Baton.Protocol.StructuredFields;

/// <summary>The kind of a structured-field bare item (RFC 9651 §3.3).</summary>
public enum SfKind
{
    Integer,
    Decimal,
    String,
    Token,
    ByteSequence,
    Boolean,
    InnerList,
}

/// <summary>
/// One structured-field member: a bare item (or an inner list, whose members are in <see cref="InnerList"/>) with its parameters.
/// Only what Baton's fields use is exposed as typed accessors.
/// </summary>
public sealed record SfItem(SfKind Kind, object Value, IReadOnlyList<KeyValuePair<string, SfItem>> Parameters)
{
    public long AsInteger => Kind == SfKind.Integer ? (long)Value : throw new InvalidOperationException("not an integer");
    public bool AsBoolean => Kind == SfKind.Boolean ? (bool)Value : throw new InvalidOperationException("not a boolean");
    public byte[] AsBytes => Kind == SfKind.ByteSequence ? (byte[])Value : throw new InvalidOperationException("not a byte sequence");
    public string AsString => Kind is SfKind.String or SfKind.Token ? (string)Value : throw new InvalidOperationException("not a string");
    public IReadOnlyList<SfItem> InnerList => Kind == SfKind.InnerList ? (IReadOnlyList<SfItem>)Value : [];
}
