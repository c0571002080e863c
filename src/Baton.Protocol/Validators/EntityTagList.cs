namespace Baton.Protocol.Validators;

/// <summary>
/// The value of If-Match / If-None-Match (RFC 9110 §13.1.1–13.1.2): <c>*</c> or a comma-separated list of entity-tags.
/// A field that does not parse is treated as absent by callers only where the RFC allows; here it is reported as invalid.
/// </summary>
public sealed class EntityTagList
{
    private EntityTagList(bool isAny, IReadOnlyList<EntityTag> tags)
    {
        IsAny = isAny;
        Tags = tags;
    }

    /// <summary>The field was <c>*</c>.</summary>
    public bool IsAny { get; }

    public IReadOnlyList<EntityTag> Tags { get; }

    public static bool TryParse(ReadOnlySpan<char> value, out EntityTagList list)
    {
        list = null!;
        value = value.Trim(" \t");
        if (value is "*")
        {
            list = new EntityTagList(true, []);
            return true;
        }
        var tags = new List<EntityTag>();
        while (!value.IsEmpty)
        {
            if (value[0] == ',')
            {
                value = value[1..].TrimStart(" \t");
                continue; // §5.6.1: empty list elements are ignored
            }
            var used = EntityTag.TryParseAt(value, out var tag);
            if (used == 0)
            {
                return false;
            }
            tags.Add(tag);
            value = value[used..].TrimStart(" \t");
            if (!value.IsEmpty && value[0] != ',')
            {
                return false;
            }
        }
        if (tags.Count == 0)
        {
            return false;
        }
        list = new EntityTagList(false, tags);
        return true;
    }

    /// <summary>
    /// Evaluates a list field against <paramref name="current"/> without allocating: true when the field is <c>*</c> (and a current
    /// tag exists) or any member matches — strongly (If-Match, §13.1.1) or weakly (If-None-Match, §13.1.2).
    /// Returns false with <paramref name="valid"/> false when the field does not parse.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> field, EntityTag? current, bool strong, out bool valid)
    {
        field = field.Trim(" \t");
        valid = true;
        if (field is "*")
        {
            return current is not null;
        }
        var matched = false;
        var members = 0;
        while (!field.IsEmpty)
        {
            if (field[0] == ',')
            {
                field = field[1..].TrimStart(" \t");
                continue;
            }
            var used = EntityTag.Scan(field, out var opaque, out var weak);
            if (used == 0)
            {
                valid = false;
                return false;
            }
            members++;
            if (current is { } tag && opaque.SequenceEqual(tag.Opaque) && (!strong || (!weak && !tag.IsWeak)))
            {
                matched = true;
            }
            field = field[used..].TrimStart(" \t");
            if (!field.IsEmpty && field[0] != ',')
            {
                valid = false;
                return false;
            }
        }
        valid = members > 0;
        return valid && matched;
    }

    /// <summary>Whether any member matches <paramref name="current"/> by strong comparison (If-Match, §13.1.1).</summary>
    public bool AnyStrong(EntityTag current)
    {
        foreach (var tag in Tags)
        {
            if (tag.StrongEquals(current))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether any member matches <paramref name="current"/> by weak comparison (If-None-Match, §13.1.2).</summary>
    public bool AnyWeak(EntityTag current)
    {
        foreach (var tag in Tags)
        {
            if (tag.WeakEquals(current))
            {
                return true;
            }
        }
        return false;
    }
}
