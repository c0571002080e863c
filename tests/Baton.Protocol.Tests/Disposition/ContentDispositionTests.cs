using System.Text;
using Baton.Protocol.Disposition;

namespace Baton.Protocol.Tests.Disposition;

/// <summary>
/// Content-Disposition, RFC 6266 §4 with the RFC 8187 extended <c>filename*</c> parameter: an ASCII quoted-string fallback,
/// and the exact name in <c>filename*</c> whenever the fallback had to replace a character.
/// </summary>
public sealed class ContentDispositionTests
{
    [Theory]
    [InlineData("report.pdf", "attachment; filename=\"report.pdf\"")]
    [InlineData("my report (final) v2.pdf", "attachment; filename=\"my report (final) v2.pdf\"")]  // SP is fine in a quoted-string
    [InlineData("a'b;c,d=e.txt", "attachment; filename=\"a'b;c,d=e.txt\"")]                     // separators are safe inside quotes
    [InlineData("a\"b.txt", "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt")]
    [InlineData("a\\b.txt", "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%5Cb.txt")]
    [InlineData("100%.txt", "attachment; filename=\"100_.txt\"; filename*=UTF-8''100%25.txt")]     // "%" would be decoded by some agents
    [InlineData("a\tb", "attachment; filename=\"a_b\"; filename*=UTF-8''a%09b")]
    [InlineData("a\u007f", "attachment; filename=\"a_\"; filename*=UTF-8''a%7F")]
    [InlineData("a\r\nSet-Cookie: x", "attachment; filename=\"a__Set-Cookie: x\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x")]
    [InlineData("报告.pdf", "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf")]
    [InlineData("🎉.txt", "attachment; filename=\"_.txt\"; filename*=UTF-8''%F0%9F%8E%89.txt")]     // one code point, one "_"
    [InlineData("café menu.pdf", "attachment; filename=\"caf_ menu.pdf\"; filename*=UTF-8''caf%C3%A9%20menu.pdf")]
    [InlineData("it's é*.txt", "attachment; filename=\"it's _*.txt\"; filename*=UTF-8''it%27s%20%C3%A9%2A.txt")] // ' and * are not attr-char
    public void Attachment_has_exact_fallback_and_extended_value(string name, string expected)
    {
        Assert.Equal(expected, ContentDisposition.Attachment(name));
    }

    [Fact]
    public void Lone_surrogate_is_carried_as_replacement_character()
    {
        // Built at run time: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        var name = "a" + '\ud800' + ".txt";
        Assert.Equal("attachment; filename=\"a_.txt\"; filename*=UTF-8''a%EF%BF%BD.txt", ContentDisposition.Attachment(name));
    }

    [Fact]
    public void Inline_uses_the_inline_type()
    {
        Assert.Equal("inline; filename=\"a.txt\"", ContentDisposition.Inline("a.txt"));
        Assert.Equal("inline; filename=\"_.txt\"; filename*=UTF-8''%C3%A9.txt", ContentDisposition.Inline("é.txt"));
    }

    [Theory]
    [InlineData("报告.pdf")]
    [InlineData("季度报告 2026 (最终版).xlsx")]
    [InlineData("🎉🚀 launch.txt")]
    [InlineData("👨‍👩‍👧 family.jpg")]            // ZWJ sequence: several code points
    [InlineData("Ünïcödé – mixed 中文 + emoji 😀 %41 \"q\" \\b.bin")]
    [InlineData("100%.txt")]
    [InlineData("日本語のファイル名.txt")]
    public void Extended_value_decodes_back_to_the_exact_name(string name)
    {
        var header = ContentDisposition.Attachment(name);

        Assert.All(header, c => Assert.InRange(c, ' ', '~'));             // the field value is visible ASCII only
        Assert.Equal(name, DecodeExtendedFilename(header));
    }

    /// <summary>RFC 8187 §3.2.1: <c>charset "'" [ language ] "'" value-chars</c>, value-chars = *( pct-encoded / attr-char ).</summary>
    private static string DecodeExtendedFilename(string header)
    {
        const string Marker = "; filename*=UTF-8''";
        var start = header.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, header);
        var value = header[(start + Marker.Length)..];
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%')
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                Assert.Contains(value[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~");
                bytes.Add((byte)value[i]);
            }
        }
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
    }
}
