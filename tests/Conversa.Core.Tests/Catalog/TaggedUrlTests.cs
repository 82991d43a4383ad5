using Conversa.Core.Catalog;

namespace Conversa.Core.Tests.Catalog;

public sealed class TaggedUrlTests
{
    [Fact]
    public void Tags_are_appended_to_a_url_without_a_query() =>
        TaggedUrl.Build("https://shop.example.com/p/1", new UtmTags("whatsapp", "chat", "black friday"))
            .Should().Be("https://shop.example.com/p/1?utm_source=whatsapp&utm_medium=chat&utm_campaign=black%20friday");

    [Fact]
    public void Existing_parameters_and_the_fragment_are_kept() =>
        TaggedUrl.Build("https://shop.example.com/p?id=7&color=red#reviews", new UtmTags("bot"))
            .Should().Be("https://shop.example.com/p?id=7&color=red&utm_source=bot#reviews");

    [Fact]
    public void The_links_tags_replace_tags_already_in_the_url() =>
        TaggedUrl.Build("https://x.example/?utm_source=old&a=1", new UtmTags("new", Campaign: "c"))
            .Should().Be("https://x.example/?a=1&utm_source=new&utm_campaign=c");

    [Fact]
    public void Without_tags_the_url_is_unchanged()
    {
        TaggedUrl.Build("https://x.example/a?b=1", null).Should().Be("https://x.example/a?b=1");
        TaggedUrl.Build("https://x.example/a?b=1", new UtmTags(" ", null, "")).Should().Be("https://x.example/a?b=1");
    }

    [Theory]
    [InlineData("abcd2345", true)]
    [InlineData("abc", false)]
    [InlineData("abcd-234", false)]
    [InlineData("", false)]
    public void Codes_from_urls_are_checked_before_any_lookup(string code, bool wellFormed) =>
        ShortLinkCode.IsWellFormed(code).Should().Be(wellFormed);

    [Fact]
    public void New_codes_are_well_formed() => ShortLinkCode.IsWellFormed(ShortLinkCode.New()).Should().BeTrue();
}
