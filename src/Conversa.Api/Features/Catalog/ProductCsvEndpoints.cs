using System.Globalization;
using System.Text;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Persistence;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>
/// CSV import and export of products (<see cref="ProductCsv"/> columns). Import applies every valid line and
/// reports the others by their line in the file (the header is line 1); rows whose sku exists update that product.
/// </summary>
public static class ProductCsvEndpoints
{
    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain"];

    public static void MapProductCsvEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog");
        products.MapPost("/import", Import).RequireTenantManager().DisableAntiforgery();
        products.MapGet("/export", Export).RequireTenant();
    }

    public sealed record LineError(int Line, string Message);

    public sealed record ImportResult(int Created, int Updated, IReadOnlyList<LineError> Errors);

    private static async Task<IResult> Import(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var request = http.Request;
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { } file)
            {
                return Problems.Validation("file", "Send the CSV as the multipart field 'file'.");
            }
            source = file.OpenReadStream();
        }
        else if (request.ContentType is { } type && CsvMediaTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            source = request.Body;
        }
        else
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the CSV as a text/csv body or as the multipart field 'file'.");
        }

        await using (source)
        {
            using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var malformed = false;
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                BadDataFound = _ => malformed = true,
                // Blank lines come through and are skipped below, so every line of the file is counted.
                IgnoreBlankLines = false,
            };
            using var parser = new CsvParser(reader, configuration);
            if (!await parser.ReadAsync())
            {
                return Problems.Validation("file", "The file is empty: line 1 must be a header such as " + string.Join(",", ProductCsv.Columns) + ".");
            }
            var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var nextLine = 1 + Newlines(parser.RawRecord);
            if (ProductCsv.CheckHeader(header) is { } headerError)
            {
                return Problems.Validation("file", "Line 1 (header): " + headerError);
            }

            var currency = await TenantCurrency.OfAsync(db, cancellationToken);
            var bySku = (await db.Products.Where(p => p.Sku != null).ToListAsync(cancellationToken)).ToDictionary(p => p.Sku!, StringComparer.Ordinal);
            var errors = new List<LineError>();
            int created = 0, updated = 0;
            while (await parser.ReadAsync())
            {
                var line = nextLine;
                nextLine += Newlines(parser.RawRecord);
                var record = parser.Record!;
                if (record is [""] && !malformed)
                {
                    continue;
                }
                if (malformed)
                {
                    malformed = false;
                    errors.Add(new LineError(line, "Malformed CSV: a quote inside an unquoted field, or an unclosed quote."));
                    continue;
                }
                if (record.Length != header.Length)
                {
                    errors.Add(new LineError(line, $"Expected {header.Length} fields as in the header, found {record.Length}."));
                    continue;
                }
                var cells = header.Zip(record).ToDictionary(c => c.First, c => c.Second, StringComparer.Ordinal);
                var sku = cells.TryGetValue("sku", out var rawSku) && rawSku.Trim() is { Length: > 0 } s ? s : null;
                var existing = sku is null ? null : bySku.GetValueOrDefault(sku);
                var (input, parseError) = ProductCsv.Read(cells, existing?.ToInput());
                if (parseError is not null)
                {
                    errors.Add(new LineError(line, parseError));
                    continue;
                }
                if (input!.Validate() is { Count: > 0 } invalid)
                {
                    errors.Add(new LineError(line, string.Join(" ", invalid.Select(e => e.Message))));
                    continue;
                }
                if (existing is not null)
                {
                    existing.Apply(input, currency);
                    updated++;
                }
                else
                {
                    var product = Product.Create(input, currency);
                    db.Products.Add(product);
                    if (product.Sku is not null)
                    {
                        bySku[product.Sku] = product;
                    }
                    created++;
                }
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return Problems.Conflict("A product with one of these skus was created while the file was imported; nothing was imported. Import it again.");
            }
            return TypedResults.Ok(new ImportResult(created, updated, errors));
        }
    }

    /// <summary>Line breaks in a record's raw text, its own included: a quoted cell may span several lines.</summary>
    private static int Newlines(string raw) => raw.Count(c => c == '\n');

    private static async Task<IResult> Export(AppDbContext db, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in ProductCsv.Columns)
            {
                csv.WriteField(column);
            }
            await csv.NextRecordAsync();
            foreach (var product in products)
            {
                foreach (var cell in ProductCsv.Write(product.ToInput()))
                {
                    csv.WriteField(cell);
                }
                await csv.NextRecordAsync();
            }
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "products.csv");
    }
}
