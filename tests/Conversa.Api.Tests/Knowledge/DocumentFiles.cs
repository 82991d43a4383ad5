using System.Diagnostics;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Conversa.Api.Tests.Knowledge;

/// <summary>Real files of each supported type, made in the test.</summary>
public static class DocumentFiles
{
    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType, string? title = null, string? metadata = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }
        if (metadata is not null)
        {
            form.Add(new StringContent(metadata), "metadata");
        }
        return form;
    }

    public static byte[] Docx(string heading, params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(heading))));
            foreach (var text in paragraphs)
            {
                body.Append(new Paragraph(new Run(new Text(text))));
            }
            body.Append(new Table(new TableRow(
                new TableCell(new Paragraph(new Run(new Text("Peeling")))),
                new TableCell(new Paragraph(new Run(new Text("90 USD")))))));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    public static bool PdfToTextInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "pdftotext")));

    /// <summary>A one-page PDF with the given ASCII line, written by hand (no PDF library is available).</summary>
    public static byte[] Pdf(string line)
    {
        var stream = $"BT /F1 14 Tf 72 720 Td ({line}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Debug.Assert(pdf.ToString().All(c => c < 128));
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
