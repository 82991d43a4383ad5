using System.Buffers.Binary;
using System.Text.Json;
using Conversa.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Conversa.Browser.Tests.Docs;

/// <summary>The API docs (Swagger UI at /docs, reading /openapi/v1.json) as a person sees them in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocsPageTests(BrowserApp app)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Swagger_UI_shows_the_title_and_lists_the_login_and_admin_tenant_endpoints()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await OpenDocsAsync(page);

        (await page.TitleAsync()).Should().Be("Conversa API");
        (await page.Locator(".info .title").InnerTextAsync()).Should().Contain("Conversa API");
        var paths = (await page.Locator(".opblock .opblock-summary-path").AllInnerTextsAsync()).Select(p => p.Trim()).ToList();
        paths.Should().Contain("/api/auth/login").And.Contain("/api/admin/tenants");
        scriptErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Signing_in_through_Swagger_UI_try_it_out_returns_an_access_token()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenDocsAsync(page);

        var login = Operation(page, "post", "/api/auth/login");
        await login.Locator(".opblock-summary-control").ClickAsync();
        await login.Locator(".try-out__btn").ClickAsync();
        var body = login.Locator("textarea.body-param__text");
        await body.FillAsync(JsonSerializer.Serialize(new { email = BrowserApp.AdminEmail, password = BrowserApp.AdminPassword }));
        await login.Locator(".execute").ClickAsync();

        // The live response (what the server sent back), not the documented responses below it.
        var live = login.Locator(".live-responses-table .response");
        await live.WaitForAsync();
        (await live.Locator(".response-col_status").InnerTextAsync()).Trim().Should().Be("200");
        var responseBody = await live.Locator(".response-col_description .microlight").First.InnerTextAsync();
        using var json = JsonDocument.Parse(responseBody);
        json.RootElement.GetProperty("access_token").GetString().Should().StartWith("eyJ", "a real JWT came back, not a schema example");
        json.RootElement.GetProperty("user").GetProperty("email").GetString().Should().Be(BrowserApp.AdminEmail);
    }

    [Fact]
    public async Task The_root_address_redirects_the_browser_to_the_docs()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");

        response.Should().NotBeNull();
        response!.Status.Should().Be(200);
        new Uri(page.Url).AbsolutePath.Should().StartWith("/docs");
        var hops = new List<IRequest>();
        for (var request = response.Request; request is not null; request = request.RedirectedFrom)
        {
            hops.Insert(0, request);
        }
        hops.Select(r => new Uri(r.Url).AbsolutePath).Should().StartWith(["/", "/docs"]);
        var first = await hops[0].ResponseAsync();
        first!.Status.Should().Be(302);
        (await first.HeaderValueAsync("location")).Should().Be("/docs");
        await page.WaitForSelectorAsync(".opblock");
        (await page.TitleAsync()).Should().Be("Conversa API");
    }

    [Fact]
    public async Task A_screenshot_of_the_docs_page_is_a_non_empty_png()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenDocsAsync(page);
        var path = Path.Combine(app.DataDir, $"docs-{Guid.NewGuid():N}.png");

        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

            var png = await File.ReadAllBytesAsync(path);
            png.Should().StartWith(PngSignature);
            var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
            width.Should().Be(1280);
            height.Should().BeGreaterThan(900, "the full page holds every operation, more than one screen");
            // A blank 1280-wide page compresses to a few KB; the rendered docs are far larger.
            png.Length.Should().BeGreaterThan(50_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task OpenDocsAsync(IPage page)
    {
        var response = await page.GotoAsync("/docs");
        response.Should().NotBeNull();
        response!.Status.Should().Be(200);
        // Swagger UI renders the operations only after it has fetched and parsed /openapi/v1.json.
        await page.WaitForSelectorAsync(".opblock");
    }

    private static ILocator Operation(IPage page, string method, string path) =>
        page.Locator($".opblock.opblock-{method}").Filter(new LocatorFilterOptions
        {
            Has = page.Locator($".opblock-summary-path[data-path='{path}']"),
        });
}
