using System.Globalization;
using System.Text;
using Baton.Protocol.Paths.Unicode;

namespace Baton.Protocol.Paths;

/// <summary>
/// The rules for one name Baton creates — stricter than <see cref="RelativePath"/>, which must also serve names that are
/// already on disk. A created name is always one <see cref="RelativePath.TryParse"/> accepts back unchanged, reads the same
/// everywhere it is shown, and survives a ZIP download to Windows or macOS.
/// </summary>
internal static class NewEntryName
{
    private const string ReservedFolded = ".BATON";

    /// <summary>Checks <paramref name="name"/> and gives its NFC form; returns <see cref="NewPathCheck.Hidden"/> for a dot-name
    /// that is otherwise valid.</summary>
    public static NewPathCheck Check(ReadOnlySpan<char> name, PathLimits limits, out string normalized)
    {
        normalized = "";
        if (name.IsEmpty || name is "." or ".." || LooksLikeDrive(name) || !CharactersAllowed(name))
        {
            return NewPathCheck.Invalid;
        }
        normalized = Nfc.Normalize(name.ToString());
        // Windows drops trailing dots and spaces, and leading or trailing spaces are invisible in every listing.
        if (char.IsWhiteSpace(normalized[0]) || char.IsWhiteSpace(normalized[^1]) || normalized[^1] == '.')
        {
            return NewPathCheck.Invalid;
        }
        if (IsReserved(normalized))
        {
            return NewPathCheck.Reserved;
        }
        if (Encoding.UTF8.GetByteCount(normalized) > limits.MaxNameBytes)
        {
            return NewPathCheck.NameTooLong;
        }
        return normalized[0] == '.' ? NewPathCheck.Hidden : NewPathCheck.Valid;
    }

    /// <summary>"C:" or "C:x" — a drive (or drive-relative path) on Windows, wherever it stands.</summary>
    private static bool LooksLikeDrive(ReadOnlySpan<char> name) => name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':';

    private static bool CharactersAllowed(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '/' or '\\' || char.IsControl(c))
            {
                return false; // separators and C0, DEL and C1 controls
            }
            if (c == '%' && i + 2 < name.Length && char.IsAsciiHexDigit(name[i + 1]) && char.IsAsciiHexDigit(name[i + 2]))
            {
                return false; // a percent-escape: the name could never be addressed by a once-decoded URL (RelativePath)
            }
            if (Rune.DecodeFromUtf16(name[i..], out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false; // an unpaired surrogate
            }
            if (!RuneAllowed(rune))
            {
                return false;
            }
            i += used - 1;
        }
        return true;
    }

    /// <summary>
    /// Refuses what makes a name display as something it is not: bidirectional controls (U+202E turns "gpj.exe" into
    /// "exe.jpg"), zero-width and other format characters, line and paragraph separators, the replacement character (left by
    /// a broken decoder, e.g. an over-long UTF-8 sequence) and noncharacters. Zero-width (non-)joiners and tag characters stay:
    /// emoji sequences, flags and several scripts need them.
    /// </summary>
    private static bool RuneAllowed(Rune rune)
    {
        var value = rune.Value;
        if (value is 0x200C or 0x200D || value is >= 0xE0020 and <= 0xE007F)
        {
            return true;
        }
        if (value == 0xFFFD || value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE)
        {
            return false;
        }
        return Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator);
    }

    /// <summary>
    /// <c>.baton</c> compared after compatibility folding to ASCII and ignoring case, so neither <c>.BATON</c> (a
    /// case-insensitive file system) nor <c>．ｂａｔｏｎ</c> (a layer that applies NFKC) can reach Baton's state folder.
    /// </summary>
    private static bool IsReserved(string name)
    {
        var folded = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            var ascii = AsciiFold.Fold(rune.Value);
            if (folded >= ReservedFolded.Length || char.ToUpperInvariant(ascii) != ReservedFolded[folded])
            {
                return false;
            }
            folded++;
        }
        return folded == ReservedFolded.Length;
    }
}
