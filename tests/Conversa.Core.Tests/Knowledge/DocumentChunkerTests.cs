using Conversa.Core.Knowledge;

namespace Conversa.Core.Tests.Knowledge;

public sealed class DocumentChunkerTests
{
    [Fact]
    public void Chunks_keep_their_heading_path_and_never_cross_a_heading()
    {
        var blocks = DocumentBlocks.Parse("""
            # Precios

            Todos los precios incluyen IVA.

            ## Botox

            El botox cuesta 250 USD por zona.

            ## Rellenos

            El ácido hialurónico cuesta 300 USD.

            # Horarios

            Lunes a viernes de 8 a 18.
            """);
        var chunks = new DocumentChunker().Chunk(blocks);
        chunks.Select(c => (c.Heading, c.Text)).Should().Equal(
            ("Precios", "Todos los precios incluyen IVA."),
            ("Precios > Botox", "El botox cuesta 250 USD por zona."),
            ("Precios > Rellenos", "El ácido hialurónico cuesta 300 USD."),
            ("Horarios", "Lunes a viernes de 8 a 18."));
        chunks.Select(c => c.Ordinal).Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public void Long_sections_are_split_within_the_bound_with_overlap()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => $"Frase número {i} con algo de texto para llenar.");
        var blocks = new List<DocumentBlock> { DocumentBlock.Heading(1, "Política"), DocumentBlock.Paragraph(string.Join(' ', sentences)) };
        var chunker = new DocumentChunker(maxChars: 400, overlapChars: 80);

        var chunks = chunker.Chunk(blocks);

        chunks.Should().HaveCountGreaterThan(5);
        chunks.Should().OnlyContain(c => c.Text.Length <= 400 && c.Heading == "Política");
        for (var i = 1; i < chunks.Count; i++)
        {
            var previousTail = chunks[i - 1].Text[^20..];
            chunks[i].Text.Should().Contain(previousTail, "each chunk starts with the end of the one before");
        }
        string.Join(' ', chunks.Select(c => c.Text)).Should().Contain("Frase número 60");
    }

    [Fact]
    public void Paragraphs_are_packed_together_while_they_fit()
    {
        var blocks = Enumerable.Range(1, 4).Select(i => DocumentBlock.Paragraph($"Párrafo {i}.")).ToList();
        var chunks = new DocumentChunker().Chunk(blocks);
        chunks.Should().ContainSingle().Which.Text.Should().Be("Párrafo 1.\n\nPárrafo 2.\n\nPárrafo 3.\n\nPárrafo 4.");
        chunks[0].Heading.Should().BeNull();
    }

    [Fact]
    public void A_single_huge_word_is_still_cut()
    {
        var chunks = new DocumentChunker(maxChars: 200, overlapChars: 20).Chunk([DocumentBlock.Paragraph(new string('x', 1000))]);
        chunks.Should().OnlyContain(c => c.Text.Length <= 200);
        chunks.Sum(c => c.Text.Count(ch => ch == 'x')).Should().BeGreaterThanOrEqualTo(1000);
    }

    [Fact]
    public void Stored_blocks_read_back_as_they_were()
    {
        List<DocumentBlock> blocks = [DocumentBlock.Heading(2, "Título"), DocumentBlock.Paragraph("# no es un título"), DocumentBlock.Paragraph("línea 1\nlínea 2")];
        DocumentBlocks.Parse(DocumentBlocks.Format(blocks)).Should().Equal(blocks);
    }
}
