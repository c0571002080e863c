using Baton.Protocol.Paths;

namespace Baton.Protocol.Tests.Paths;

/// <summary>
/// <see cref="RelativePath.TryParse"/> takes the request path after its one percent-decoding and must refuse, lexically,
/// anything that could leave the root or be read differently by another layer (RFC 3986 §3.3 dot-segments, RFC 9110 §4.2
/// "no further decoding", plus Windows and file-system forms), and hide dot-names and Baton's <c>.baton</c> state folder.
/// </summary>
public sealed class RelativePathTests
{
    /// <summary>Hostile inputs that must be refused whatever allowHidden says. Data built in code: it holds NUL and lone surrogates.</summary>
    public static TheoryData<string, string> InvalidCorpus => new()
    {
        { "..", "parent segment" },
        { "../etc/passwd", "climb out" },
        { "a/../../etc/passwd", "climb out after a name" },
        { "a/..", "trailing parent segment" },
        { "a/../b", "parent segment in the middle" },
        { "/..", "parent after the leading slash" },
        { "../", "parent with trailing slash" },
        { ".", "current segment" },
        { "./a", "leading current segment" },
        { "a/./b", "current segment in the middle" },
        { "a/.", "trailing current segment" },
        { "%2e%2e", "encoded .. that survived one decoding" },
        { "%2E%2E/etc/passwd", "upper-case encoded .." },
        { "a/%2e%2e/b", "encoded .. in the middle" },
        { ".%2e", "half-encoded .." },
        { "%252e%252e", "double-encoded .." },
        { "%c0%ae%c0%ae", "over-long UTF-8 encoding of ." },
        { "a%2fb", "encoded slash" },
        { "a%5cb", "encoded backslash" },
        { "a%00b", "encoded NUL" },
        { "%2F", "only an encoded slash" },
        { "..\\etc\\passwd", "backslash traversal" },
        { "a\\b", "backslash separator" },
        { "\\\\server\\share\\x", "UNC path" },
        { "\\\\?\\C:\\x", "Win32 device path" },
        { "\\etc", "leading backslash" },
        { "a\0b", "NUL" },
        { "a\0", "trailing NUL" },
        { "a\nb", "LF" },
        { "a\rb", "CR" },
        { "a\tb", "HTAB" },
        { "\u001b[31mred", "ESC (terminal injection)" },
        { "a\u007fb", "DEL" },
        { "a\u0085b", "C1 control NEL" },
        { "a\u009bb", "C1 control CSI" },
        { "C:", "drive letter" },
        { "C:\\Windows\\win.ini", "drive letter with backslash" },
        { "c:/windows/win.ini", "drive letter with slash" },
        { "/C:/x", "drive letter after the leading slash" },
        { "z:file", "drive-relative path" },
        { "//server/share", "UNC with forward slashes" },
        { "///etc", "triple slash" },
        { "a//b", "empty segment" },
        { "a/b//", "empty segment before the trailing slash" },
        { "a///", "several trailing slashes" },
        { "a\ud800b", "lone high surrogate" },
        { "a\udc00b", "lone low surrogate" },
        { "\ud800", "lone high surrogate at the end" },
        { "\udc00\ud800", "reversed surrogate pair" },
        { new string('a', 256), "256-byte name (NAME_MAX is 255)" },
        { "d/" + new string('x', 300), "over-long last name" },
        { new string('é', 128), "128 two-byte characters: 256 bytes" },
        { new string('中', 86), "86 three-byte characters: 258 bytes" },
        { string.Join('/', Enumerable.Repeat("abcdefgh", 456)), "over-long path (> 4096 characters)" },
        { ".baton/../x", "traversal through the state folder" },
    };

    [Theory]
    [MemberData(nameof(InvalidCorpus), DisableDiscoveryEnumeration = true)]
    public void Hostile_input_is_invalid(string value, string why)
    {
        Assert.Equal(PathCheck.Invalid, RelativePath.TryParse(value, allowHidden: false, out var path));
        Assert.True(path.IsRoot, why);
        Assert.Equal(PathCheck.Invalid, RelativePath.TryParse(value, allowHidden: true, out _));
    }

    [Fact]
    public void Hostile_corpus_has_at_least_forty_cases()
    {
        Assert.True(InvalidCorpus.Count() >= 40);
    }

    [Theory]
    [InlineData(".baton")]                    // the state folder
    [InlineData("/.baton/")]
    [InlineData(".baton/uploads/x.json")]     // anything inside it
    [InlineData("a/.baton")]                  // the name deeper down
    [InlineData("a/b/.baton/c")]
    public void State_folder_is_hidden_in_any_position_even_when_hidden_files_are_served(string value)
    {
        Assert.Equal(PathCheck.Hidden, RelativePath.TryParse(value, allowHidden: false, out _));
        Assert.Equal(PathCheck.Hidden, RelativePath.TryParse(value, allowHidden: true, out _));
    }

    [Theory]
    [InlineData(".env", ".env")]
    [InlineData(".git/config", ".git|config")]
    [InlineData("a/.ssh/id_rsa", "a|.ssh|id_rsa")]
    [InlineData("...", "...")]
    [InlineData("..a", "..a")]
    [InlineData(".batons", ".batons")]          // only the exact state-folder name is always hidden
    [InlineData(".BATON", ".BATON")]            // Linux names are case-sensitive
    public void Dot_names_are_hidden_unless_allowed(string value, string segments)
    {
        Assert.Equal(PathCheck.Hidden, RelativePath.TryParse(value, allowHidden: false, out _));
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(value, allowHidden: true, out var path));
        Assert.Equal(segments, string.Join('|', path.Segments));
    }

    [Theory]
    [InlineData("a.txt", "a.txt")]
    [InlineData("/a.txt", "a.txt")]                              // one leading slash: the request path's own
    [InlineData("/etc/passwd", "etc|passwd")]                    // rooted at the served root, never at the file-system root
    [InlineData("a/b/c.txt", "a|b|c.txt")]
    [InlineData("a/b/", "a|b")]                                  // trailing slash names a folder
    [InlineData("/a/b/", "a|b")]
    [InlineData("报告/季度 报告.pdf", "报告|季度 报告.pdf")]
    [InlineData("my file.txt", "my file.txt")]
    [InlineData(" leading and trailing ", " leading and trailing ")]
    [InlineData("100%.txt", "100%.txt")]                         // "%" not followed by two hex digits is literal
    [InlineData("50%off", "50%off")]
    [InlineData("%zz", "%zz")]
    [InlineData("a%2", "a%2")]
    [InlineData("a%", "a%")]
    [InlineData("😀.png", "😀.png")]                             // a valid surrogate pair
    [InlineData("a..b", "a..b")]
    [InlineData("a.", "a.")]
    [InlineData("ab:c", "ab:c")]                                 // only "X:" at the start is a drive
    [InlineData("a/C:", "a|C:")]
    [InlineData("C", "C")]
    [InlineData("a;b=c,d&e+f", "a;b=c,d&e+f")]
    [InlineData("~user", "~user")]
    public void Valid_path_has_exact_segments(string value, string segments)
    {
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(value, allowHidden: false, out var path));
        Assert.Equal(segments, string.Join('|', path.Segments));
        Assert.Equal(segments.Replace('|', '/'), path.ToString());
        Assert.Equal(segments.Split('|')[^1], path.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    public void Empty_path_is_the_root(string? value)
    {
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(value, allowHidden: false, out var path));
        Assert.True(path.IsRoot);
        Assert.Equal("", path.Name);
        Assert.Equal("", path.ToString());
    }

    [Fact]
    public void Name_length_limit_is_255_utf8_bytes()
    {
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(new string('a', 255), false, out _));
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(new string('é', 127), false, out _));   // 254 bytes
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(new string('中', 85), false, out _));   // 255 bytes
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse(string.Concat(Enumerable.Repeat("😀", 63)), false, out _)); // 252 bytes
        Assert.Equal(PathCheck.Invalid, RelativePath.TryParse(string.Concat(Enumerable.Repeat("😀", 64)), false, out _)); // 256 bytes
    }

    [Fact]
    public void Append_adds_one_segment()
    {
        Assert.Equal(PathCheck.Valid, RelativePath.TryParse("a/b", false, out var path));
        var child = path.Append("c.txt");
        Assert.Equal("a/b/c.txt", child.ToString());
        Assert.Equal("c.txt", child.Name);
        Assert.Equal("a/b", path.ToString());
    }
}
