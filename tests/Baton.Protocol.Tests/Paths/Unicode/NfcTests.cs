using System.Text;
using System.Text.Json;
using Baton.Protocol.Paths.Unicode;
using Baton.Testing;

namespace Baton.Protocol.Tests.Paths.Unicode;

/// <summary>
/// <see cref="Nfc"/> against UAX #15's own examples and, for thousands of strings (every character with a canonical
/// decomposition, and seeded random mixes of starters, combining marks and Hangul jamo), against Python's unicodedata.
/// </summary>
public sealed class NfcTests
{
    [Theory]
    [InlineData("e\u0301", "\u00E9")]                     // composes
    [InlineData("\u00E9", "\u00E9")]                      // already NFC
    [InlineData("\u212B", "\u00C5")]                      // ANGSTROM SIGN: a singleton, never recomposed
    [InlineData("\u212A", "K")]                           // KELVIN SIGN
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("a\u0302\u0323", "\u1EAD")]               // reordered (ccc 220 before 230), then composed
    [InlineData("a\u0323\u0302", "\u1EAD")]
    [InlineData("\u1E0B\u0323", "\u1E0D\u0307")]          // UAX #15 figure 6: the dot below takes the composite
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]
    [InlineData("\u00C0\u0323", "\u1EA0\u0300")]          // a Latin-1 composite decomposes when a mark follows
    [InlineData("\u015A\u0323", "\u1E62\u0301")]        // no composite: only reordered
    [InlineData("\u0958", "\u0915\u093C")]                // a composition exclusion stays decomposed
    [InlineData("\u0344", "\u0308\u0301")]                // a non-starter decomposition
    [InlineData("\u1100\u1161", "\uAC00")]                // Hangul LV
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]          // Hangul LVT
    [InlineData("\uAC00\u11A8", "\uAC01")]                // LV + T
    [InlineData("\u0301e", "\u0301e")]                    // a leading mark has nothing to join
    [InlineData("e\u0301\u0301", "\u00E9\u0301")]         // the second acute is blocked by the first
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]    // MUSICAL SYMBOL HALF NOTE: excluded, decomposed
    [InlineData("\U000110AB", "\U000110AB")]              // KAITHI LETTER VA: a supplementary composite
    [InlineData("\U000110A5\U000110BA", "\U000110AB")]
    [InlineData("plain ASCII", "plain ASCII")]
    [InlineData("", "")]
    public void Known_forms(string input, string expected)
    {
        Assert.Equal(expected, Nfc.Normalize(input));
    }

    [Fact]
    public void Text_below_U0300_is_returned_as_is()
    {
        var latin = "Zoë Ångström ÿ ß";
        Assert.Same(latin, Nfc.Normalize(latin));
    }

    [Fact]
    public async Task Agrees_with_python_on_every_decomposable_character_and_random_mixes()
    {
        var corpus = new List<string>();
        foreach (var key in UnicodeTables.DecompositionKeys)
        {
            corpus.Add(char.ConvertFromUtf32(key));
        }
        var pool = new List<int> { 'a', 'e', 'o', 'A', 'K', 'q', 0x3C, 0xE9, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x0915, 0x093C };
        var ranges = UnicodeTables.CombiningClassRanges;
        for (var i = 0; i < ranges.Length; i += 3)
        {
            pool.Add(ranges[i]);
        }
        pool.AddRange(UnicodeTables.DecompositionKeys.ToArray().Where((_, i) => i % 7 == 0));
        var random = new Random(15);
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var codePoint = pool[random.Next(pool.Count)];
                if (codePoint is < 0xD800 or > 0xDFFF)
                {
                    builder.Append(char.ConvertFromUtf32(codePoint));
                }
            }
            corpus.Add(builder.ToString());
        }

        using var temp = new TempDirectory("baton-nfc-");
        var input = temp.Combine("corpus.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(corpus));
        var script = "import json, sys, unicodedata\n" +
                     "print(json.dumps([unicodedata.normalize('NFC', s) for s in json.load(open(sys.argv[1]))]))";
        await using var python = await RunningProcess.RunAsync("python3", ["-c", script, input]);
        Assert.Equal(0, python.ExitCode);
        var expected = JsonSerializer.Deserialize<List<string>>(python.Output.Trim())!;

        Assert.Equal(corpus.Count, expected.Count);
        var mismatches = corpus.Select((s, i) => (s, i)).Where(p => Nfc.Normalize(p.s) != expected[p.i])
            .Select(p => string.Join(' ', p.s.EnumerateRunes().Select(r => $"U+{r.Value:X4}"))).Take(10).ToList();
        Assert.True(mismatches.Count == 0, "differs from Python for: " + string.Join("; ", mismatches));
    }
}
