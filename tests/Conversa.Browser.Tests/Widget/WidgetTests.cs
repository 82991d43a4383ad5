using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversa.Browser.Tests.Support;
using Microsoft.Playwright;

namespace Conversa.Browser.Tests.Widget;

/// <summary>
/// The web widget as a visitor of a tenant's site sees it in Chromium: a page on another origin embeds
/// <c>/widget.js</c> from the app, the visitor opens the bubble, asks a price and reads the tenant's own price; when a
/// person from the team takes the conversation over, their replies show up in the open widget; on a site the key does
/// not allow, the visitor reads a polite error instead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetTests(BrowserApp app) : IAsyncLifetime
{
    private HostSite _site = null!;

    public async Task InitializeAsync() => _site = await HostSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_visitor_on_an_allowed_site_opens_the_bubble_asks_a_price_and_reads_the_tenant_s_answer()
    {
        var (slug, key, _) = await ClinicAsync(allowedOrigin: _site.Origin);
        var url = _site.Serve("/clinic.html", ShopPage(slug, key));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync(url);
        var bubble = page.GetByRole(AriaRole.Button, new() { Name = "Abrir el chat" });
        await bubble.ClickAsync();
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Escribe tu mensaje" });
        (await input.EvaluateAsync<bool>("e => e.getRootNode().activeElement === e")).Should().BeTrue("opening the chat puts the focus in the message box");
        await page.GetByRole(AriaRole.Dialog).GetByText("¿En qué te podemos ayudar en Clínica Widget?").WaitForAsync();

        await input.FillAsync("hola, ¿cuánto cuesta el botox?");
        await input.PressAsync("Enter");

        var answer = page.Locator(".msg.bot").Filter(new() { HasText = "Botox" });
        await answer.WaitForAsync();
        (await answer.InnerTextAsync()).Should().Contain("Botox: 350.000 COP");
        (await page.Locator(".msg.me").InnerTextAsync()).Should().Contain("hola, ¿cuánto cuesta el botox?");
        (await page.Locator(".typing").CountAsync()).Should().Be(0, "the typing indicator goes once the reply is in");
        var visitorId = await page.EvaluateAsync<string>($"() => localStorage.getItem('conversa:visitor:{slug}')");
        visitorId.Should().MatchRegex("^[A-Za-z0-9_-]{8,64}$");
        // The page's own CSS (every button hidden, every text huge and red) does not reach into the widget.
        (await page.Locator(".bubble").IsVisibleAsync()).Should().BeTrue();
        (await page.Locator(".bubble").GetAttributeAsync("aria-label")).Should().Be("Cerrar el chat");
        (await answer.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Should().Be("14px");
        scriptErrors.Should().BeEmpty();

        // Another page view of the site shows the conversation so far.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir el chat" }).ClickAsync();
        (await page.Locator(".msg.bot").Filter(new() { HasText = "Botox: 350.000 COP" }).CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_visitor_on_a_site_the_key_does_not_allow_reads_a_polite_error()
    {
        var (slug, key, _) = await ClinicAsync(allowedOrigin: "https://shop.example.com");
        var url = _site.Serve("/elsewhere.html", ShopPage(slug, key));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir el chat" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Escribe tu mensaje" });
        await input.FillAsync("hola, ¿cuánto cuesta el botox?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar" }).ClickAsync();

        var note = page.Locator(".msg.note");
        await note.WaitForAsync();
        (await note.InnerTextAsync()).Should().StartWith("Lo sentimos");
        (await page.Locator(".msg.bot").Filter(new() { HasText = "350.000" }).CountAsync()).Should().Be(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Enviar" }).IsEnabledAsync()).Should().BeTrue("the visitor may try again");
    }

    [Fact]
    public async Task The_app_s_demo_page_embeds_the_widget_and_answers_with_the_tenant_s_colour()
    {
        var (slug, key, _) = await ClinicAsync(allowedOrigin: app.BaseAddress.GetLeftPart(UriPartial.Authority));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/widget/demo?tenant={slug}&key={key}&lang=en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Type your message" });
        await input.FillAsync("hola, ¿cuánto cuesta el botox?");
        await input.PressAsync("Enter");

        await page.Locator(".msg.bot").Filter(new() { HasText = "Botox: 350.000 COP" }).WaitForAsync();
        // The colour comes from GET /api/widget/config, a same-origin GET here, which browsers send without Origin.
        (await page.Locator(".head").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).Should().Be("rgb(15, 118, 110)");
    }

    [Fact]
    public async Task A_person_who_takes_the_conversation_over_is_read_in_the_open_widget()
    {
        var (slug, key, secret) = await ClinicAsync(allowedOrigin: _site.Origin);
        var url = _site.Serve("/handoff.html", ShopPage(slug, key));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir el chat" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Escribe tu mensaje" });
        await input.FillAsync("hola, ¿cuánto cuesta el botox?");
        await input.PressAsync("Enter");
        await page.Locator(".msg.bot").Filter(new() { HasText = "Botox: 350.000 COP" }).WaitForAsync();

        using var staff = new HttpClient { BaseAddress = app.BaseAddress };
        staff.DefaultRequestHeaders.Add("X-API-Key", secret);
        var conversations = (await staff.GetFromJsonAsync<JsonObject>("/api/conversations?channel=widget"))!["items"]!.AsArray();
        var conversationId = conversations.Single()!["id"]!.GetValue<string>();
        (await staff.PostAsJsonAsync($"/api/conversations/{conversationId}/handoff", new { reason = "a person answers" })).EnsureSuccessStatusCode();

        await input.FillAsync("¿me puede atender una persona?");
        await input.PressAsync("Enter");
        await page.Locator(".msg.note").Filter(new() { HasText = "Una persona del equipo continuará la conversación." }).WaitForAsync();
        (await staff.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { content = "Hola, soy Ana del equipo. Te ayudo con el botox." }))
            .EnsureSuccessStatusCode();

        // Nobody types: the widget asks for the person's reply by itself.
        var fromAna = page.Locator(".msg.agent").Filter(new() { HasText = "soy Ana del equipo" });
        await fromAna.WaitForAsync(new() { Timeout = 20_000 });
        (await fromAna.CountAsync()).Should().Be(1);
        (await page.Locator(".msg.bot").Filter(new() { HasText = "Botox: 350.000 COP" }).CountAsync()).Should().Be(1, "replies already shown are not shown again");
        scriptErrors.Should().BeEmpty();

        await page.ReloadAsync();
        var polled = page.WaitForResponseAsync(r => r.Url.Contains("/api/widget/messages?", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir el chat" }).ClickAsync();
        (await polled).Status.Should().Be(200);
        await page.WaitForTimeoutAsync(500);
        (await page.Locator(".msg.agent").CountAsync()).Should().Be(1, "the page view before showed it; polling again does not repeat it");
    }

    /// <summary>A shop page whose own CSS is hostile, embedding the widget from the app's address.</summary>
    private string ShopPage(string slug, string key) => $$"""
        <!doctype html>
        <html lang="es"><head><meta charset="utf-8"><title>Clínica</title>
        <style>* { color: red !important; font-size: 40px !important; } button { display: none !important; }</style>
        </head><body><h1>Clínica Widget</h1>
        <script src="{{app.BaseAddress}}widget.js" data-tenant-id="{{slug}}" data-public-key="{{key}}" data-title="Clínica Widget"></script>
        </body></html>
        """;

    /// <summary>A tenant with botox in its catalog, a public key for <paramref name="allowedOrigin"/> and its secret key.</summary>
    private async Task<(string Slug, string Key, string Secret)> ClinicAsync(string allowedOrigin)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = BrowserApp.AdminEmail, password = BrowserApp.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var slug = "w-" + Guid.NewGuid().ToString("N")[..10];
        var created = await http.PostAsJsonAsync("/api/admin/tenants", new
        {
            slug,
            name = "Clínica Widget",
            currency = "COP",
            language = "es",
            settings = new { widget = new { primary_color = "#0f766e", greeting_message = "¿En qué te podemos ayudar en Clínica Widget?" } },
        });
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!["key"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = null;
        http.DefaultRequestHeaders.Add("X-API-Key", secret);
        (await http.PostAsJsonAsync("/api/products", new { name = "Botox", sku = "BOTOX", price = 350_000m })).EnsureSuccessStatusCode();
        var key = await http.PostAsJsonAsync("/api/api-keys", new { name = "widget", kind = "public", allowed_origins = new[] { allowedOrigin } });
        key.EnsureSuccessStatusCode();
        return (slug, (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>(), secret);
    }
}
