using System.Security.Cryptography;
using Baton.Client.Uploads;
using Baton.Protocol.Possession;
using Baton.Testing;

namespace Baton.Client.Tests.Uploads;

/// <summary>The client's answer to a proof-of-possession challenge: which challenges it takes, and the HMAC it computes.</summary>
public sealed class PossessionAnswerTests : IDisposable
{
    private static readonly string Nonce = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("ranges=\"0-9\"", false)]                          // no nonce
    [InlineData("nonce=:{0}:", false)]                             // no ranges
    [InlineData("nonce=:{0}:, ranges=\"0-99\"", true)]             // the whole file
    [InlineData("nonce=:{0}:, ranges=\"0-100\"", false)]           // past the end
    [InlineData("nonce=:{0}:, ranges=\"5-4\"", false)]             // backwards
    [InlineData("nonce=:{0}:, ranges=\"1-2,90-99,3-3\"", true)]    // any order, as given
    [InlineData("nonce=:{0}:, ranges=\"a-b\"", false)]
    [InlineData("nonce=:AAAA:, ranges=\"0-1\"", false)]            // a nonce is 32 bytes
    [InlineData("nonce=\"x\", ranges=\"0-1\"", false)]             // not a byte sequence
    public void Takes_only_well_formed_challenges_inside_the_file(string field, bool taken)
    {
        Assert.Equal(taken, PossessionAnswer.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, field, Nonce), 100) is not null);
    }

    [Fact]
    public async Task The_answer_is_the_HMAC_of_the_ranges_bytes_in_the_order_given()
    {
        var path = _dir.WriteRandomFile("f.bin", 3 << 20);
        var bytes = File.ReadAllBytes(path);
        var challenge = PossessionAnswer.Parse($"nonce=:{Nonce}:, ranges=\"2097152-3145727,0-0,100-4195\"", bytes.Length)!;

        var answer = await PossessionAnswer.ComputeAsync(challenge, path, CancellationToken.None);

        byte[] message = [.. bytes.AsSpan(2097152, 1048576), bytes[0], .. bytes.AsSpan(100, 4096)];
        Assert.Equal(PossessionProof.Format(HMACSHA256.HashData(Convert.FromBase64String(Nonce), message)), answer);
    }

    public void Dispose() => _dir.Dispose();
}
