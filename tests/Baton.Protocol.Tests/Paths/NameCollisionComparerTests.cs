using Baton.Protocol.Paths;

namespace Baton.Protocol.Tests.Paths;

/// <summary><see cref="NameCollisionComparer"/>: names that a case- or normalisation-insensitive file system would merge.</summary>
public sealed class NameCollisionComparerTests
{
    [Theory]
    [InlineData("Photo.jpg", "PHOTO.JPG")]
    [InlineData("Zo\u00EB.txt", "Zoe\u0308.txt")]            // NFC vs NFD (macOS)
    [InlineData("ZO\u00CB.TXT", "zoe\u0308.txt")]            // both at once
    [InlineData("\u212Aelvin", "kelvin")]                   // KELVIN SIGN is K canonically
    [InlineData("\u212Bngstr\u00F6m", "\u00E5ngstr\u00F6m")] // ANGSTROM SIGN
    [InlineData("\u00DF", "\u1E9E")]                        // ß and capital ẞ
    [InlineData("\u03A3", "\u03C3")]                        // Σ σ
    [InlineData("\u03C3", "\u03C2")]                        // σ ς
    [InlineData("\u00C9COLE", "e\u0301cole")]
    [InlineData("Straße/Photos/A.jpg", "STRAẞE/photos/a.JPG")] // whole paths
    [InlineData("𐐀", "𐐨")]                                  // Deseret, outside the BMP
    public void Names_equal_up_to_case_and_normalisation_collide(string name, string other)
    {
        Assert.True(NameCollisionComparer.Collides(name, other));
        Assert.True(NameCollisionComparer.Instance.Equals(name, other));
        Assert.Equal(NameCollisionComparer.Instance.GetHashCode(name), NameCollisionComparer.Instance.GetHashCode(other));
        Assert.Equal(NameCollisionComparer.Key(name), NameCollisionComparer.Key(other));
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("\uFB01le", "file")]            // the ﬁ ligature: a compatibility form, distinct on every file system
    [InlineData("\uFF21", "A")]                 // fullwidth A
    [InlineData("stra\u00DFe", "strasse")]      // full case folding (ß → ss) is not applied: NTFS keeps them apart too
    [InlineData("a.txt", "a.txt ")]
    [InlineData("e\u0301", "e\u0300")]          // different accents
    public void Different_names_do_not_collide(string name, string other)
    {
        Assert.False(NameCollisionComparer.Collides(name, other));
        Assert.False(NameCollisionComparer.Instance.Equals(name, other));
    }

    [Fact]
    public void A_name_does_not_collide_with_itself_but_is_equal_to_it()
    {
        Assert.False(NameCollisionComparer.Collides("Photo.jpg", "Photo.jpg"));
        Assert.True(NameCollisionComparer.Instance.Equals("Photo.jpg", "Photo.jpg"));
        Assert.True(NameCollisionComparer.Instance.Equals(null, null));
        Assert.False(NameCollisionComparer.Instance.Equals("a", null));
    }

    [Fact]
    public void A_set_of_a_folder_s_names_finds_the_clash()
    {
        var existing = new HashSet<string>(["Zo\u00EB.txt", "README.md"], NameCollisionComparer.Instance);
        Assert.Contains("zoe\u0308.TXT", existing);
        Assert.Contains("readme.MD", existing);
        Assert.DoesNotContain("README.txt", existing);
    }
}
