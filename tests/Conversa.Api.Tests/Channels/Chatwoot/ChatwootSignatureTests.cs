using System.Security.Cryptography;
using System.Text;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Tests.Channels.Chatwoot;

public sealed class ChatwootSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_749_416_400);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ChatwootFixtures.Text(ChatwootFixtures.AgentBotIncoming));

    [Fact]
    public void The_signature_is_the_hmac_of_timestamp_dot_raw_body()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"),
            Encoding.UTF8.GetBytes("1749416400.").Concat(Body).ToArray()));

        ChatwootSignature.Sign("s3cret", "1749416400", Body).Should().Be(expected);
        ChatwootSignature.IsValid("s3cret", "1749416400", Body, expected, Now).Should().BeTrue();
        ChatwootSignature.IsValid("s3cret", "1749416400", Body, expected.ToUpperInvariant().Replace("SHA256=", "sha256="), Now).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, "1749416400")]
    [InlineData("", "1749416400")]
    [InlineData("sha256=00", "1749416400")]
    [InlineData("md5=abc", "1749416400")]
    [InlineData("sha256=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "1749416400")]
    [InlineData("good", null)]
    [InlineData("good", "")]
    [InlineData("good", "yesterday")]
    [InlineData("good", "-5")]
    public void A_missing_or_malformed_signature_or_timestamp_is_invalid(string? header, string? timestamp)
    {
        var signature = header == "good" ? ChatwootSignature.Sign("s3cret", "1749416400", Body) : header;

        ChatwootSignature.IsValid("s3cret", timestamp, Body, signature, Now).Should().BeFalse();
    }

    [Fact]
    public void Another_secret_another_body_or_a_stale_timestamp_is_invalid()
    {
        var signature = ChatwootSignature.Sign("s3cret", "1749416400", Body);

        ChatwootSignature.IsValid("other", "1749416400", Body, signature, Now).Should().BeFalse();
        ChatwootSignature.IsValid("s3cret", "1749416400", [.. Body, (byte)' '], signature, Now).Should().BeFalse();
        ChatwootSignature.IsValid("s3cret", "1749416401", Body, signature, Now).Should().BeFalse();

        var old = ChatwootSignature.Sign("s3cret", "1749416000", Body);
        ChatwootSignature.IsValid("s3cret", "1749416000", Body, old, Now).Should().BeFalse("more than 5 minutes old");
        ChatwootSignature.IsValid("s3cret", "1749416000", Body, old, Now.AddMinutes(-4)).Should().BeTrue();
    }
}
