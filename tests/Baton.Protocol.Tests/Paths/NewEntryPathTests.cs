using System.Text;
using Baton.Protocol.Paths;
using Baton.Protocol.Paths.Unicode;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;

namespace Baton.Protocol.Tests.Paths;

/// <summary>
/// <see cref="NewEntryPath"/>: an upload's <c>folder</c> plus Uppy's <c>relativePath</c> (or a plain file name) become one
/// relative path, NFC-normalised, every name checked, the whole within <see cref="PathLimits"/>; hostile input of every kind is
/// refused before anything is created.
/// </summary>
public sealed class NewEntryPathTests
{
    private static NewPathCheck Combine(string? folder, string? relativePath, string? fileName, out RelativePath path,
        bool allowHidden = false, PathLimits? limits = null) =>
        NewEntryPath.TryCombine(folder, relativePath, fileName, limits ?? PathLimits.Default, allowHidden, out path);

    [Theory]
    [InlineData(null, "/top/sub/name.jpg", "name.jpg", "top/sub/name.jpg")]          // Uppy's FileSystemEntry.fullPath form
    [InlineData(null, "top/sub/name.jpg", "name.jpg", "top/sub/name.jpg")]           // webkitRelativePath form
    [InlineData("photos", "top/sub/x.jpg", "x.jpg", "photos/top/sub/x.jpg")]         // placed below the folder
    [InlineData("/photos/2024/", null, "x.jpg", "photos/2024/x.jpg")]
    [InlineData("photos/2024", "", "x.jpg", "photos/2024/x.jpg")]
    [InlineData("", null, "x.jpg", "x.jpg")]
    [InlineData("/", null, "x.jpg", "x.jpg")]
    [InlineData(null, "top/renamed.jpg", "original.jpg", "top/renamed.jpg")]         // relativePath carries the name
    [InlineData(null, "null", "photo.jpg", "photo.jpg")]                             // Uppy's relativePath of a file from no folder
    [InlineData("inbox", "/photo.jpg", "photo.jpg", "inbox/photo.jpg")]              // one name: no structure, the file name rules
    [InlineData("报告", "季度/季度 报告.pdf", null, "报告/季度/季度 报告.pdf")]
    [InlineData(null, "Zoe\u0308/Zoe\u0308.txt", null, "Zo\u00EB/Zo\u00EB.txt")]     // NFD (macOS) becomes NFC
    [InlineData(null, "\u212Bngstr\u00F6m.txt", null, "\u00C5ngstr\u00F6m.txt")]     // singleton ANGSTROM SIGN
    [InlineData(null, "👨‍👩‍👧.png", null, "👨‍👩‍👧.png")]                              // zero-width joiners in an emoji sequence
    [InlineData(null, "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F.png", null, "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F.png")] // a tag sequence (flag of England)
    [InlineData(null, "می\u200Cخواهم.txt", null, "می\u200Cخواهم.txt")]               // ZWNJ, as Persian needs it
    [InlineData(null, "100%.txt", null, "100%.txt")]                                 // '%' without two hex digits is literal
    [InlineData(null, "a..b/ab:c/C", null, "a..b/ab:c/C")]
    [InlineData(null, "my file.txt", null, "my file.txt")]
    [InlineData(null, ".batons/.baton2", null, ".batons/.baton2")]                  // only .baton itself is reserved (hidden here)
    public void Valid_targets_become_one_normalised_path(string? folder, string? relativePath, string? fileName, string expected)
    {
        var check = Combine(folder, relativePath, fileName, out var path, allowHidden: true);
        Assert.Equal(NewPathCheck.Valid, check);
        Assert.Equal(expected, path.ToString());
        // A created name is always one the download path accepts back unchanged, and in NFC.
        Assert.NotEqual(PathCheck.Invalid, RelativePath.TryParse(path.ToString(), allowHidden: true, out var reparsed));
        Assert.Equal(path.Segments, reparsed.Segments);
        Assert.All(path.Segments, s => Assert.Equal(Nfc.Normalize(s), s));
    }

    /// <summary>Hostile names: tried as the folder, as a relativePath segment and as the file name.</summary>
    public static TheoryData<string, string> InvalidNames => new()
    {
        { "..", "parent" },
        { ".", "current" },
        { "%2e%2e", "encoded .. (a literal name no once-decoded URL could address)" },
        { "%2E%2E", "upper-case encoded .." },
        { "a%2fb", "encoded slash" },
        { "%252e%252e", "double-encoded .." },
        { "a%00b", "encoded NUL" },
        { "\uFFFD\uFFFD", "over-long UTF-8 C0 AE decoded leniently: replacement characters" },
        { "a\0b", "NUL" },
        { "a\nb", "LF" },
        { "a\tb", "TAB" },
        { "\u001b[31mred", "ESC (terminal injection)" },
        { "a\u007fb", "DEL" },
        { "a\u0085b", "C1 NEL" },
        { "a\u009bb", "C1 CSI" },
        { "gpj\u202Eexe.jpg", "RTL override: shows as 'gpj.exe'-style spoof" },
        { "a\u202Ab", "LTR embedding" },
        { "a\u2066b", "LTR isolate" },
        { "a\u200Fb", "RTL mark" },
        { "a\u061Cb", "Arabic letter mark" },
        { "a\u200Bb", "zero-width space" },
        { "\uFEFFa", "byte-order mark" },
        { "a\u00ADb", "soft hyphen" },
        { "a\u2028b", "line separator" },
        { "a\u2029b", "paragraph separator" },
        { "a\uFFFEb", "noncharacter U+FFFE" },
        { "a\uFDD0b", "noncharacter U+FDD0" },
        { "a\ud800b", "lone high surrogate" },
        { "a\udc00b", "lone low surrogate" },
        { "a\\b", "backslash" },
        { "..\\etc", "backslash traversal" },
        { "C:", "drive" },
        { "C:x", "drive-relative" },
        { "c:\\windows", "drive with backslash" },
        { "a.", "trailing dot (Windows drops it)" },
        { "...", "dots only" },
        { "a ", "trailing space" },
        { " a", "leading space" },
        { "a\u3000", "trailing ideographic space" },
        { "\u00A0a", "leading no-break space" },
    };

    [Theory]
    [MemberData(nameof(InvalidNames), DisableDiscoveryEnumeration = true)]
    public void Hostile_names_are_invalid_in_every_field(string name, string why)
    {
        Assert.True(NewPathCheck.Invalid == Combine(name, null, "x.txt", out var path), why + " (folder)");
        Assert.True(path.IsRoot);
        Assert.True(NewPathCheck.Invalid == Combine("ok", "top/" + name + "/x.txt", null, out _), why + " (relativePath folder)");
        Assert.True(NewPathCheck.Invalid == Combine("ok", "top/" + name, null, out _), why + " (relativePath name)");
        Assert.True(NewPathCheck.Invalid == Combine("ok", null, name, out _), why + " (file name)");
        Assert.True(NewPathCheck.Invalid == NewEntryPath.TryParse("a/" + name, PathLimits.Default, allowHidden: true, out _), why + " (folder path)");
    }

    [Theory]
    [InlineData("../x", null, "f", "climb out")]
    [InlineData("a/../../x", null, "f", "climb out after a name")]
    [InlineData(null, "../../etc/passwd", null, "relativePath climbing out")]
    [InlineData(null, "top/../../x", null, "relativePath climbing out after a name")]
    [InlineData("a//b", null, "f", "empty segment")]
    [InlineData("//server/share", null, "f", "UNC with slashes")]
    [InlineData("\\\\server\\share", null, "f", "UNC")]
    [InlineData(null, "//etc/passwd", null, "absolute after the one leading slash")]
    [InlineData("C:/Windows", null, "f", "drive with slash")]
    [InlineData("ok", "C:\\x.txt", null, "relativePath with a drive")]
    [InlineData("a", "top/sub/", null, "relativePath naming a folder")]
    [InlineData("a", "/", null, "relativePath with no name")]
    [InlineData("a", null, null, "no name at all")]
    [InlineData("a", null, "", "empty file name")]
    [InlineData(null, null, "top/x.txt", "a file name is one name")]
    [InlineData("a", null, "..", "file name ..")]
    public void Traversal_and_absolute_paths_are_invalid(string? folder, string? relativePath, string? fileName, string why)
    {
        Assert.True(NewPathCheck.Invalid == Combine(folder, relativePath, fileName, out var path, allowHidden: true), why);
        Assert.True(path.IsRoot);
    }

    [Fact]
    public void Over_long_utf8_from_a_strict_decoder_never_becomes_a_name()
    {
        // tus metadata is decoded strictly (UploadMetadata.GetString gives null for C0 AE); a lenient decoder gives U+FFFD.
        byte[] overlong = [0xC0, 0xAE, 0xC0, 0xAE];                      // ".." encoded in two bytes each
        Assert.True(UploadMetadata.TryParse("relativePath " + Convert.ToBase64String(overlong), out var metadata, out _));
        Assert.Null(metadata.GetString("relativePath"));
        Assert.Equal(NewPathCheck.Invalid, Combine(null, metadata.GetString("relativePath"), null, out _));
        Assert.Equal(NewPathCheck.Invalid, Combine(null, new UTF8Encoding(false, false).GetString(overlong), null, out _));
    }

    [Theory]
    [InlineData(".baton")]
    [InlineData(".BATON")]
    [InlineData(".Baton")]
    [InlineData("\uFF0E\uFF42\uFF41\uFF54\uFF4F\uFF4E")]                  // fullwidth: NFKC gives .baton
    [InlineData(".\uFF42aton")]
    [InlineData("\u2024baton")]                                          // ONE DOT LEADER
    [InlineData(".bat\u1D52n")]                                          // MODIFIER LETTER SMALL O
    [InlineData(".\U0001D41B\U0001D41A\U0001D42D\U0001D428\U0001D427")]  // mathematical bold letters
    [InlineData(".\u24D1aton")]                                          // CIRCLED LATIN SMALL LETTER B
    public void The_state_folder_is_reserved_in_any_spelling_and_position(string name)
    {
        Assert.Equal(NewPathCheck.Reserved, Combine(name, null, "x", out _, allowHidden: true));
        Assert.Equal(NewPathCheck.Reserved, Combine("a", name + "/x", null, out _, allowHidden: true));
        Assert.Equal(NewPathCheck.Reserved, Combine("a", null, name, out _, allowHidden: true));
        Assert.Equal(NewPathCheck.Reserved, NewEntryPath.TryParse("a/" + name + "/b", PathLimits.Default, allowHidden: true, out _));
    }

    [Theory]
    [InlineData(".env", null, "x")]
    [InlineData("a", ".git/config", null)]
    [InlineData("a", "top/.DS_Store", null)]
    [InlineData(null, null, ".htaccess")]
    public void Dot_names_are_hidden_unless_allowed(string? folder, string? relativePath, string? fileName)
    {
        Assert.Equal(NewPathCheck.Hidden, Combine(folder, relativePath, fileName, out var path));
        Assert.True(path.IsRoot);
        Assert.Equal(NewPathCheck.Valid, Combine(folder, relativePath, fileName, out _, allowHidden: true));
    }

    [Fact]
    public void A_hard_failure_wins_over_a_hidden_name()
    {
        Assert.Equal(NewPathCheck.Invalid, Combine(".hidden", "../x", null, out _));
        Assert.Equal(NewPathCheck.Reserved, Combine(".hidden", ".baton/x", null, out _));
    }

    [Fact]
    public void Name_limit_is_counted_in_utf8_bytes_after_normalisation()
    {
        Assert.Equal(NewPathCheck.Valid, Combine(null, null, new string('a', 255), out _));
        Assert.Equal(NewPathCheck.NameTooLong, Combine(null, null, new string('a', 256), out _));
        Assert.Equal(NewPathCheck.Valid, Combine(null, null, new string('中', 85), out _));                          // 255 bytes
        Assert.Equal(NewPathCheck.NameTooLong, Combine(null, null, new string('中', 86), out _));                    // 258 bytes
        Assert.Equal(NewPathCheck.Valid, Combine(null, null, string.Concat(Enumerable.Repeat("e\u0301", 127)), out _)); // 381 bytes NFD, 254 NFC
        Assert.Equal(NewPathCheck.NameTooLong, Combine(null, null, string.Concat(Enumerable.Repeat("e\u0301", 128)), out _));
        Assert.Equal(NewPathCheck.NameTooLong, Combine("a/" + new string('b', 256), null, "x", out _));
    }

    [Fact]
    public void Path_limit_counts_every_name_and_separator()
    {
        var limits = PathLimits.Default;
        var folder = string.Join('/', Enumerable.Repeat(new string('f', 99), 10));   // 10 × 99 + 9 = 999 bytes
        Assert.Equal(NewPathCheck.Valid, Combine(folder, null, new string('x', 24), out var path));           // 999 + 1 + 24 = 1024
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(path.ToString()));
        Assert.Equal(NewPathCheck.PathTooLong, Combine(folder, null, new string('x', 25), out _));
        Assert.Equal(NewPathCheck.PathTooLong, Combine(null, new string('a', 2_000_000), null, out _));        // refused before any work
        Assert.Equal(NewPathCheck.Valid, Combine(folder, null, new string('x', 100), out _, limits: limits with { MaxPathBytes = 2048 }));
    }

    [Fact]
    public void Depth_limit_counts_the_folder_and_the_relative_path_together()
    {
        var sixteen = string.Join('/', Enumerable.Repeat("d", 16));
        Assert.Equal(NewPathCheck.Valid, Combine(sixteen, sixteen[2..] + "/f", null, out var path));           // 16 + 15 + 1 = 32
        Assert.Equal(32, path.Segments.Count);
        Assert.Equal(NewPathCheck.TooDeep, Combine(sixteen, sixteen + "/f", null, out _));                     // 33
        Assert.Equal(NewPathCheck.TooDeep, NewEntryPath.TryParse(string.Join('/', Enumerable.Repeat("d", 33)), PathLimits.Default, false, out _));
        Assert.Equal(NewPathCheck.Valid, Combine(sixteen, sixteen + "/f", null, out _, limits: new PathLimits { MaxDepth = 40 }));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("a/b/", "a/b")]
    [InlineData("/a/b", "a/b")]
    public void Folder_paths_allow_one_leading_and_trailing_slash(string? value, string expected)
    {
        Assert.Equal(NewPathCheck.Valid, NewEntryPath.TryParse(value, PathLimits.Default, allowHidden: false, out var path));
        Assert.Equal(expected, path.ToString());
    }

    [Theory]
    [InlineData(NewPathCheck.Invalid, 400, "urn:baton:problem:invalid-path")]
    [InlineData(NewPathCheck.Hidden, 400, "urn:baton:problem:invalid-path")]
    [InlineData(NewPathCheck.Reserved, 400, "urn:baton:problem:invalid-path")]
    [InlineData(NewPathCheck.NameTooLong, 400, "urn:baton:problem:path-too-long")]
    [InlineData(NewPathCheck.PathTooLong, 400, "urn:baton:problem:path-too-long")]
    [InlineData(NewPathCheck.TooDeep, 400, "urn:baton:problem:path-too-long")]
    public void Every_refusal_maps_to_a_catalogue_problem_with_a_detail(NewPathCheck check, int status, string type)
    {
        var error = ProtocolErrors.ForNewPath(check, PathLimits.Default);
        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolErrors.ForNewPath(NewPathCheck.Valid, PathLimits.Default));
    }

    [Fact]
    public void Limits_are_validated()
    {
        Assert.Same(PathLimits.Default, PathLimits.Default.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathLimits { MaxNameBytes = 256 }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathLimits { MaxPathBytes = 100, MaxNameBytes = 200 }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathLimits { MaxPathBytes = 5000 }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathLimits { MaxDepth = 0 }.Validated());
    }
}
