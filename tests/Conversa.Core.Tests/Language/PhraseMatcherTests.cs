using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class PhraseMatcherTests
{
    [Fact]
    public void Plain_words_match_by_stem_starred_words_by_prefix_and_equals_words_exactly()
    {
        var matcher = new PhraseMatcher<string>([("precio", "price"), ("sangr*", "blood"), ("=cita", "exact")]);
        matcher.Match("PRECIOS").Select(h => h.Value).Should().Equal("price");
        matcher.Match("sangrando").Select(h => h.Value).Should().Equal("blood");
        matcher.Match("cita").Select(h => h.Value).Should().Equal("exact");
        matcher.Match("citas").Should().BeEmpty();
    }

    [Fact]
    public void Gaps_are_bounded_and_never_cross_punctuation()
    {
        var matcher = new PhraseMatcher<int>([("dolor* pecho", 1)], maxGap: 3);
        matcher.Match("dolor muy fuerte en el pecho").Should().BeEmpty(); // four words between
        matcher.Match("dolor fuerte en el pecho").Should().ContainSingle();
        matcher.Match("dolor, pecho").Should().BeEmpty();
        new PhraseMatcher<int>([("dolor* pecho", 1)]).Match("dolor en pecho").Should().BeEmpty();
    }

    [Fact]
    public void Hits_come_in_order_with_their_spans()
    {
        const string text = "Quiero cancelar y luego reprogramar";
        var hits = new PhraseMatcher<string>([("reprogram*", "reschedule"), ("cancel*", "cancel")]).Match(text);
        hits.Select(h => h.Value).Should().Equal("cancel", "reschedule");
        hits[0].Span.Of(text).Should().Be("cancelar");
        hits[1].FirstToken.Should().Be(4);
    }
}
