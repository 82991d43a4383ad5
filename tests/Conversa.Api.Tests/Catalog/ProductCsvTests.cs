using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

public abstract class ProductCsvTests(ConversaFactory app)
{
    private const string Header = "sku,name,description,price,currency,category,stock,active,attributes";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static MultipartFormDataContent Multipart(string text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "products.csv");
        return form;
    }

    [Fact]
    public async Task Valid_lines_are_applied_and_bad_lines_reported_by_file_line()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP" });
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "Botox viejo", price = 1, sku = "BOT" });
        var csv = string.Join("\n",
            Header,                                                                             // 1
            "BOT,Botox,Tercio superior,250000,,Inyectables,5,true,",                           // 2 update
            "LF,Limpieza facial,\"Profunda,\nen dos líneas\",80000,COP,Faciales,,true,",        // 3-4 create (multi-line cell)
            "BAD1,Sin precio,,,,,,,",                                                          // 5 no price
            "",                                                                                 // 6 blank, skipped
            "BAD2,Precio raro,,12;5,,,,,",                                                     // 7 bad price
            "BAD3,Moneda,,10,XYZ,,,,",                                                         // 8 bad currency
            "BAD4,Attrs,,10,,,,,\"[1,2]\"",                                                    // 9 attributes not an object
            "BAD5,too,few",                                                                    // 10 field count
            "CAR,Corolla,,18500.5,USD,Sedanes,1,false,\"{\"\"year\"\":2021,\"\"km\"\":35000}\"", // 11 create
            ",Sin sku,,5,,,,,");                                                               // 12 create without sku
        var result = await Http.ReadAsync(await client.PostAsync("/api/products/import", Csv(csv)), 200);

        result["created"]!.GetValue<int>().Should().Be(3);
        result["updated"]!.GetValue<int>().Should().Be(1);
        var errors = result["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["message"]!.GetValue<string>())).ToList();
        errors.Select(e => e.Item1).Should().Equal(5, 7, 8, 9, 10);
        errors[0].Item2.Should().Contain("price");
        errors[1].Item2.Should().Contain("price");
        errors[2].Item2.Should().Contain("currency");
        errors[3].Item2.Should().Contain("attributes");

        var botox = (await client.GetJsonAsync("/api/products?q=botox"))["items"]![0]!;
        botox["name"]!.GetValue<string>().Should().Be("Botox");
        botox["stock"]!.GetValue<int>().Should().Be(5);
        botox["currency"]!.GetValue<string>().Should().Be("COP");
        var car = (await client.GetJsonAsync("/api/products?q=corolla&active=all"))["items"]![0]!;
        car["active"]!.GetValue<bool>().Should().BeFalse();
        car["attributes"]!["km"]!.GetValue<int>().Should().Be(35000);
        car["price"]!.GetValue<decimal>().Should().Be(18500.5m);
        (await client.GetJsonAsync("/api/products?q=limpieza"))["items"]![0]!["description"]!.GetValue<string>().Should().Be("Profunda,\nen dos líneas");
    }

    [Fact]
    public async Task A_file_with_only_sku_and_price_updates_prices()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "Botox", price = 1, sku = "BOT", category = "Inyectables" });
        var result = await Http.ReadAsync(await client.PostAsync("/api/products/import", Csv("sku,price\r\nBOT,99.5\r\nNEW,3\r\n")), 200);
        result["updated"]!.GetValue<int>().Should().Be(1);
        result["created"]!.GetValue<int>().Should().Be(0);
        result["errors"]!.AsArray().Single()!["line"]!.GetValue<int>().Should().Be(3, "a new sku needs a name");
        var botox = (await client.GetJsonAsync("/api/products"))["items"]![0]!;
        botox["price"]!.GetValue<decimal>().Should().Be(99.5m);
        botox["category"]!.GetValue<string>().Should().Be("Inyectables");
    }

    [Fact]
    public async Task Export_round_trips_through_import_in_another_tenant()
    {
        var source = await app.CreateTenantAsync();
        var client = source.KeyClient();
        await client.CreateProductAsync(new
        {
            name = "Casa \"El Lago\", Norte", price = 350000.25m, currency = "USD", sku = "C-1", category = "Casas",
            description = "3 hab.\nvista al lago", stock = 1, attributes = new { m2 = 120, barrio = "Norte" },
        });
        await client.CreateProductAsync(new { name = "=SUM(A1)", price = 0, sku = "F-1" });
        var retired = await client.CreateProductAsync(new { name = "Retirado", price = 7, sku = "R-1" });
        await client.DeleteAsync($"/api/products/{retired["id"]}");

        var export = await client.GetAsync("/api/products/export");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await export.Content.ReadAsStringAsync();
        text.Should().StartWith(Header);

        var target = await app.CreateTenantAsync();
        var result = await Http.ReadAsync(await target.KeyClient().PostAsync("/api/products/import", Multipart(text)), 200);
        result["created"]!.GetValue<int>().Should().Be(3);
        result["errors"]!.AsArray().Should().BeEmpty();

        var original = await client.GetJsonAsync("/api/products?active=all");
        var copy = await target.KeyClient().GetJsonAsync("/api/products?active=all");
        static string Comparable(System.Text.Json.Nodes.JsonNode list) => string.Join("\n", list["items"]!.AsArray().Select(p =>
        {
            var o = p!.AsObject().DeepClone().AsObject();
            o.Remove("id");
            o.Remove("created_at");
            o.Remove("updated_at");
            return o.ToJsonString();
        }).Order(StringComparer.Ordinal));
        Comparable(copy).Should().Be(Comparable(original));

        // Importing the export into the same tenant updates every row and creates nothing.
        var again = await Http.ReadAsync(await client.PostAsync("/api/products/import", Csv(text)), 200);
        again["created"]!.GetValue<int>().Should().Be(0);
        again["updated"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Bad_files_are_4xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await Http.ProblemAsync(await client.PostAsync("/api/products/import", Csv("")), 400);
        (await Http.ProblemAsync(await client.PostAsync("/api/products/import", Csv("name,price,colour\nx,1,red\n")), 400))
            .ToJsonString().Should().Contain("colour");
        await Http.ProblemAsync(await client.PostAsync("/api/products/import", Csv("description\nx\n")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/products/import", Http.Json(new { name = "x" })), 415);
        var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await Http.ProblemAsync(await client.PostAsync("/api/products/import", noFile), 400);
        (await client.GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(0);
        // Broken quoting is reported by line, never a 500.
        var garbage = await Http.ReadAsync(await client.PostAsync("/api/products/import", Csv("name,price\nok,1\nx\"y,2\n\"unclosed,3\n")), 200);
        garbage["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()).Should().Equal([3, 4], garbage.ToJsonString());
        garbage["created"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Only_managers_import()
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/products/import", Csv("name,price\nx,1\n")), 401);
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/products/export"), 401);
        var owner = await tenant.OwnerClientAsync();
        var email = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), email, "agent-password"));
        await Http.ProblemAsync(await agent.PostAsync("/api/products/import", Csv("name,price\nx,1\n")), 403);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProductCsvTestsOnSqlite(SqliteFactory app) : ProductCsvTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProductCsvTestsOnPostgres(PostgresFactory app) : ProductCsvTests(app);
