using Conversa.Core.Identity;

namespace Conversa.Core.Tests.Identity;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Keys_carry_their_kind_and_are_unique()
    {
        var secret = ApiKeyFormat.Generate(ApiKeyKind.Secret);
        var publicKey = ApiKeyFormat.Generate(ApiKeyKind.Public);
        secret.Should().StartWith("sk_").And.HaveLength(35);
        publicKey.Should().StartWith("pk_");
        ApiKeyFormat.Generate(ApiKeyKind.Secret).Should().NotBe(secret);
        ApiKeyFormat.LooksLikeKey(secret).Should().BeTrue();
        ApiKeyFormat.LooksLikeKey("eyJhbGciOi.jwt.token").Should().BeFalse();
    }

    [Fact]
    public void The_hash_is_sha256_hex_and_the_prefix_reveals_little()
    {
        ApiKeyFormat.Hash("abc").Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        var key = ApiKeyFormat.Generate(ApiKeyKind.Secret);
        ApiKeyFormat.DisplayPrefix(key).Should().HaveLength(10).And.Be(key[..10]);
    }
}
