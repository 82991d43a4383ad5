using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Conversa.Core.Knowledge;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// Turns posted text and uploaded files into blocks (headings and paragraphs): Markdown through Markdig,
/// HTML through AngleSharp without scripts and styles, DOCX through Open XML, CSV rows as "column: value"
/// lines, PDF through poppler's <c>pdftotext</c> when the server has it.
/// </summary>
public static class DocumentTextExtractor
{
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string Csv = "text/csv";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Pdf = "application/pdf";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = PlainText, [".text"] = PlainText, [".md"] = Markdown, [".markdown"] = Markdown,
        [".html"] = Html, [".htm"] = Html, [".csv"] = Csv, [".docx"] = Docx, [".pdf"] = Pdf,
    };

    private static readonly HashSet<string> Known = [PlainText, Markdown, Html, Csv, Docx, Pdf];

    private static readonly MarkdownPipeline MarkdownPipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static string SupportedUploads => "txt, md, html, csv, docx, pdf";

    /// <summary>The media type a file is read as: its extension decides, else its declared type.</summary>
    public static string? TypeOf(string? fileName, string? declaredType)
    {
        if (fileName is not null && ByExtension.TryGetValue(Path.GetExtension(fileName), out var byName))
        {
            return byName;
        }
        var type = declaredType?.Split(';')[0].Trim().ToLowerInvariant();
        return type is not null && Known.Contains(type) ? type : null;
    }

    public static ExtractedDocument FromText(string contentType, string text) => contentType switch
    {
        Markdown => FromMarkdown(text),
        Html => FromHtml(text),
        Csv => FromCsv(text),
        _ => new ExtractedDocument(PlainText, null, DocumentBlocks.FromPlainText(text)),
    };

    public static async Task<ExtractedDocument> FromFileAsync(string contentType, byte[] bytes, CancellationToken cancellationToken) => contentType switch
    {
        Docx => FromDocx(bytes),
        Pdf => await FromPdfAsync(bytes, cancellationToken),
        _ => FromText(contentType, DecodeText(bytes)),
    };

    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Windows-1252/Latin-1 is what older exports from Spanish and Portuguese tools use.
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static ExtractedDocument FromMarkdown(string text)
    {
        var blocks = new List<DocumentBlock>();
        foreach (var block in Markdig.Markdown.Parse(text, MarkdownPipeline))
        {
            AddMarkdownBlock(block, blocks);
        }
        return new ExtractedDocument(Markdown, null, blocks);
    }

    private static void AddMarkdownBlock(Block block, List<DocumentBlock> blocks)
    {
        switch (block)
        {
            case HeadingBlock heading:
                AddParagraph(blocks, InlineText(heading.Inline), heading.Level);
                break;
            case ParagraphBlock paragraph:
                AddParagraph(blocks, InlineText(paragraph.Inline));
                break;
            case ListBlock list:
                var items = list.OfType<ListItemBlock>()
                    .Select(item => string.Join(" ", item.OfType<LeafBlock>().Select(l => InlineText(l.Inline))).Trim())
                    .Where(t => t.Length > 0)
                    .Select(t => "- " + t);
                AddParagraph(blocks, string.Join("\n", items));
                foreach (var nested in list.OfType<ListItemBlock>().SelectMany(i => i.OfType<ContainerBlock>()))
                {
                    AddMarkdownBlock(nested, blocks);
                }
                break;
            case Markdig.Extensions.Tables.Table table:
                var rows = table.OfType<Markdig.Extensions.Tables.TableRow>().Select(row =>
                    string.Join(" | ", row.OfType<Markdig.Extensions.Tables.TableCell>()
                        .Select(cell => string.Join(" ", cell.OfType<LeafBlock>().Select(l => InlineText(l.Inline))).Trim())));
                AddParagraph(blocks, string.Join("\n", rows));
                break;
            case CodeBlock code:
                AddParagraph(blocks, code.Lines.ToString());
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddMarkdownBlock(child, blocks);
                }
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                AddParagraph(blocks, InlineText(leaf.Inline));
                break;
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }
        var builder = new StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
            }
        }
        return builder.ToString();
    }

    private static ExtractedDocument FromHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var hidden in document.QuerySelectorAll("script, style, noscript, template, head > *:not(title)").ToList())
        {
            hidden.Remove();
        }
        var blocks = new List<DocumentBlock>();
        var loose = new StringBuilder();
        if (document.Body is { } body)
        {
            AddHtmlNode(body, blocks, loose);
        }
        FlushLoose(blocks, loose);
        var title = document.Title;
        return new ExtractedDocument(Html, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), blocks);
    }

    private static readonly HashSet<string> HtmlBlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "li", "table", "thead", "tbody",
        "tfoot", "tr", "pre", "blockquote", "dl", "dt", "dd", "figure", "figcaption", "form", "fieldset", "address", "details", "summary",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "caption",
    };

    private static void AddHtmlNode(INode node, List<DocumentBlock> blocks, StringBuilder loose)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is not IElement element)
            {
                if (child.NodeType == NodeType.Text)
                {
                    loose.Append(child.TextContent);
                }
                continue;
            }
            var tag = element.LocalName;
            if (!HtmlBlockTags.Contains(tag))
            {
                loose.Append(element.TextContent);
                continue;
            }
            FlushLoose(blocks, loose);
            if (tag.Length == 2 && tag[0] == 'h' && char.IsDigit(tag[1]))
            {
                AddParagraph(blocks, element.TextContent, tag[1] - '0');
            }
            else if (tag == "tr")
            {
                AddParagraph(blocks, string.Join(" | ", element.Children.Where(c => c.LocalName is "td" or "th").Select(c => Collapse(c.TextContent))));
            }
            else if (tag == "li")
            {
                AddParagraph(blocks, "- " + Collapse(element.TextContent));
            }
            else if (tag == "pre")
            {
                AddParagraph(blocks, element.TextContent);
            }
            else
            {
                AddHtmlNode(element, blocks, loose);
                FlushLoose(blocks, loose);
            }
        }
    }

    private static void FlushLoose(List<DocumentBlock> blocks, StringBuilder loose)
    {
        AddParagraph(blocks, Collapse(loose.ToString()));
        loose.Clear();
    }

    private static ExtractedDocument FromCsv(string text)
    {
        var blocks = new List<DocumentBlock>();
        try
        {
            using var reader = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = true,
                BadDataFound = null,
                MissingFieldFound = null,
            });
            if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { Length: > 0 } header)
            {
                return new ExtractedDocument(Csv, null, blocks);
            }
            while (reader.Read())
            {
                var fields = header.Select((name, i) => (name, value: reader.GetField(i) ?? ""))
                    .Where(f => f.value.Trim().Length > 0)
                    .Select(f => $"{f.name.Trim()}: {f.value.Trim()}");
                AddParagraph(blocks, string.Join("\n", fields));
            }
        }
        catch (CsvHelperException e)
        {
            throw new UnreadableDocumentException("The CSV file could not be read: " + e.Message, e);
        }
        return new ExtractedDocument(Csv, null, blocks);
    }

    private static ExtractedDocument FromDocx(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new UnreadableDocumentException("The DOCX file has no document body.");
            var blocks = new List<DocumentBlock>();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Word.Paragraph paragraph:
                        AddParagraph(blocks, paragraph.InnerText, HeadingLevel(paragraph));
                        break;
                    case Word.Table table:
                        var rows = table.Elements<Word.TableRow>().Select(row =>
                            string.Join(" | ", row.Elements<Word.TableCell>().Select(c => Collapse(c.InnerText))));
                        AddParagraph(blocks, string.Join("\n", rows));
                        break;
                }
            }
            var title = document.PackageProperties.Title;
            return new ExtractedDocument(Docx, string.IsNullOrWhiteSpace(title) ? null : title, blocks);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.IO.InvalidDataException or
                                       System.IO.FileFormatException or System.Xml.XmlException)
        {
            throw new UnreadableDocumentException("The DOCX file could not be read: " + e.Message, e);
        }
    }

    private static int HeadingLevel(Word.Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        return style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) &&
               int.TryParse(style.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 6
            ? level
            : 0;
    }

    private static async Task<ExtractedDocument> FromPdfAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var tool = FindPdfToText() ?? throw new UnsupportedDocumentException(
            "PDF text extraction needs poppler-utils (pdftotext), which is not installed on this server. Upload the text as txt, md, html or docx instead.");
        var file = Path.Combine(Path.GetTempPath(), "conversa-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, bytes, cancellationToken);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in new[] { "-enc", "UTF-8", "-q", file, "-" })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new UnsupportedDocumentException("pdftotext could not be started.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new UnreadableDocumentException("Reading the PDF took too long.");
            }
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new UnreadableDocumentException("The PDF file could not be read: " + (await errors).Trim());
            }
            // pdftotext separates pages with form feeds; each page's paragraphs are separated by blank lines.
            return new ExtractedDocument(Pdf, null, DocumentBlocks.FromPlainText(text.Replace('\f', '\n').Replace("\n", "\n", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindPdfToText()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "pdftotext");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static void AddParagraph(List<DocumentBlock> blocks, string text, int headingLevel = 0)
    {
        text = headingLevel > 0 ? Collapse(text) : text.Trim();
        if (text.Length > 0)
        {
            blocks.Add(new DocumentBlock(headingLevel, text));
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
