using System.Text;
using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class CatalogSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"version\":\"1\",\"products\":[]}");

    [Fact]
    public void A_signature_made_with_the_secret_is_valid()
    {
        var secret = CatalogSignature.NewSecret();
        var header = CatalogSignature.Sign(secret, Body);
        header.Should().StartWith("sha256=").And.HaveLength(7 + 64);
        CatalogSignature.IsValid(secret, Body, header).Should().BeTrue();
        CatalogSignature.IsValid(secret, Body, "SHA256=" + header[7..].ToUpperInvariant()).Should().BeTrue();
    }

    [Fact]
    public void A_known_vector_matches_hmac_sha256() =>
        CatalogSignature.Sign("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"))
            .Should().Be("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=abcdef")]
    [InlineData("sha256=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Missing_or_malformed_signatures_are_invalid(string? header) =>
        CatalogSignature.IsValid("secret", Body, header).Should().BeFalse();

    [Fact]
    public void Another_secret_or_a_changed_body_is_invalid()
    {
        var header = CatalogSignature.Sign("secret-a", Body);
        CatalogSignature.IsValid("secret-b", Body, header).Should().BeFalse();
        CatalogSignature.IsValid("secret-a", [.. Body, (byte)' '], header).Should().BeFalse();
    }

    [Fact]
    public void Secrets_are_random_and_prefixed() =>
        CatalogSignature.NewSecret().Should().StartWith("cat_").And.NotBe(CatalogSignature.NewSecret());
}
