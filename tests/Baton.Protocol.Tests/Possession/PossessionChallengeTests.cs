using System.Security.Cryptography;
using Baton.Protocol.Possession;

namespace Baton.Protocol.Tests.Possession;

/// <summary>The proof-of-possession challenge (issue 15 item 3): ranges derived from the nonce, inside the content, formatted as
/// an RFC 9651 dictionary that parses back; the answer is an HMAC keyed by the nonce.</summary>
public sealed class PossessionChallengeTests
{
    private static byte[] Nonce(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Theory]
    [InlineData(1L, 1, 0L, 0L)]
    [InlineData(4096L, 1, 0L, 4095L)]
    [InlineData(32768L, 1, 0L, 32767L)]          // up to 32 KiB: the whole content, one range
    public void Small_content_is_challenged_whole(long length, int count, long first, long last)
    {
        var challenge = PossessionChallenge.Choose(length, Nonce(1));

        Assert.Equal(count, challenge.Ranges.Count);
        Assert.Equal(new ProofRange(first, last), challenge.Ranges[0]);
    }

    [Theory]
    [InlineData(32769L)]
    [InlineData(1_000_000L)]
    [InlineData(5L * 1024 * 1024 * 1024)]
    public void Large_content_is_sampled_at_eight_4KiB_ranges_inside_it(long length)
    {
        var challenge = PossessionChallenge.Choose(length, Nonce(2));

        Assert.Equal(8, challenge.Ranges.Count);
        Assert.All(challenge.Ranges, r =>
        {
            Assert.Equal(4096, r.Length);
            Assert.InRange(r.First, 0, length - 4096);
            Assert.InRange(r.Last, 4095, length - 1);
        });
        Assert.Equal(challenge.Ranges.OrderBy(r => r.First), challenge.Ranges);
        Assert.Equal(32768, challenge.AnsweredBytes);
    }

    [Fact]
    public void The_ranges_follow_the_nonce_so_another_nonce_asks_for_other_bytes()
    {
        var a = PossessionChallenge.Choose(1L << 30, Nonce(3));
        var again = PossessionChallenge.Choose(1L << 30, Nonce(3));
        var b = PossessionChallenge.Choose(1L << 30, Nonce(4));

        Assert.Equal(a.Ranges, again.Ranges);
        Assert.NotEqual(a.Ranges, b.Ranges);
    }

    [Fact]
    public void Formats_as_a_dictionary_that_parses_back()
    {
        var challenge = PossessionChallenge.Choose(100_000, Nonce(5));

        var field = challenge.Format();

        Assert.StartsWith("nonce=:" + Convert.ToBase64String(Nonce(5)) + ":, ranges=\"", field);
        Assert.True(PossessionChallenge.TryParse(field, out var parsed));
        Assert.Equal(challenge.Nonce, parsed.Nonce);
        Assert.Equal(challenge.Ranges, parsed.Ranges);
    }

    [Theory]
    [InlineData("nonce=:AAAA:, ranges=\"0-1\"")]                 // nonce not 32 bytes
    [InlineData("ranges=\"0-1\"")]
    [InlineData("nonce=:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=:, ranges=\"5-1\"")]
    [InlineData("nonce=:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=:, ranges=\"a-b\"")]
    [InlineData("nonce=:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=:, ranges=7")]
    public void Refuses_what_is_not_a_challenge(string field) => Assert.False(PossessionChallenge.TryParse(field, out _));

    [Fact]
    public void The_answer_is_the_HMAC_of_the_ranges_bytes_keyed_by_the_nonce()
    {
        var content = RandomNumberGenerator.GetBytes(70_000);
        var challenge = PossessionChallenge.Choose(content.Length, Nonce(6));
        using var hmac = challenge.StartAnswer();
        foreach (var range in challenge.Ranges)
        {
            hmac.AppendData(content, (int)range.First, (int)range.Length);
        }
        var answer = hmac.GetHashAndReset();

        var concatenated = challenge.Ranges.SelectMany(r => content.Skip((int)r.First).Take((int)r.Length)).ToArray();
        Assert.Equal(HMACSHA256.HashData(Nonce(6), concatenated), answer);
        Assert.True(PossessionProof.TryParse(PossessionProof.Format(answer), out var parsed));
        Assert.True(PossessionProof.Matches(parsed, answer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData(":AAAA:")]                 // not 32 bytes
    [InlineData("\"x\"")]
    public void A_proof_that_is_not_32_bytes_between_colons_is_not_one(string field) =>
        Assert.False(PossessionProof.TryParse(field, out _));
}
