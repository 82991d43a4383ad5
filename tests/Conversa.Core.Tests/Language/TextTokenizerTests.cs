using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class TextTokenizerTests
{
    [Fact]
    public void Tokens_are_folded_and_keep_their_place_in_the_original_text()
    {
        const string text = "¿Mañana a las 3pm?";
        var tokens = TextTokenizer.Tokenize(text);
        tokens.Select(t => t.Text).Should().Equal("manana", "a", "las", "3", "pm");
        tokens.Select(t => text[t.Start..t.End]).Should().Equal("Mañana", "a", "las", "3", "pm");
        tokens[0].PunctuationBefore.Should().Be('¿');
    }

    [Fact]
    public void Separators_inside_numbers_are_kept_and_others_mark_the_next_token()
    {
        TextTokenizer.Tokenize("15:30, 5/12 1,5").Select(t => t.Text).Should().Equal("15", ":", "30", "5", "/", "12", "1", ",", "5");
        var tokens = TextTokenizer.Tokenize("no, gracias");
        tokens[1].HasPunctuationBefore.Should().BeTrue();
        tokens[1].PunctuationBefore.Should().Be(',');
    }

    [Fact]
    public void Apostrophes_join_and_hyphens_split_words()
    {
        TextTokenizer.Tokenize("I don't know, it's 10 o'clock").Select(t => t.Text).Should().Equal("i", "dont", "know", "its", "10", "oclock");
        TextTokenizer.Tokenize("sexta-feira ao meio-dia").Select(t => t.Text).Should().Equal("sexta", "feira", "ao", "meio", "dia");
    }

    [Fact]
    public void Decomposed_accents_and_emoji_are_handled()
    {
        const string decomposed = "man\u0303ana 👍 cita";
        var tokens = TextTokenizer.Tokenize(decomposed);
        tokens.Select(t => t.Text).Should().Equal("manana", "cita");
        decomposed[tokens[0].Start..tokens[0].End].Should().Be("man\u0303ana");
        TextTokenizer.Tokenize(null).Should().BeEmpty();
    }

    [Fact]
    public void Number_words_are_read_per_language()
    {
        var tokens = TextTokenizer.Tokenize("dos");
        NumberWords.TryRead(tokens, 0, "es", out var two, out _).Should().BeTrue();
        two.Should().Be(2);
        NumberWords.TryRead(tokens, 0, "pt", out _, out _).Should().BeFalse();
        NumberWords.TryRead(TextTokenizer.Tokenize("quarenta e dois"), 0, "pt", out var fortyTwo, out var count).Should().BeTrue();
        (fortyTwo, count).Should().Be((42, 3));
    }
}
