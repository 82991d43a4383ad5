namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>GET /widget/demo?tenant=&lt;slug&gt;&amp;key=pk_...</c>: a plain page that embeds the widget the way a customer's
/// site would, for trying a public key out. The page's script sets the key and options as attributes (never as
/// markup), so the query string cannot inject anything. The key must allow this server's own origin.
/// </summary>
public static class WidgetDemoPage
{
    private const string Html = """
        <!doctype html>
        <html lang="es">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Conversa widget demo</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
        code { background: #f2f2f2; padding: 0 .25em; border-radius: 3px; }
        </style>
        </head>
        <body>
        <h1>Conversa web widget</h1>
        <p>This page embeds <code>/widget.js</code> like a customer's site would. Open it as
        <code>/widget/demo?tenant=&lt;slug&gt;&amp;key=pk_...</code> (optional <code>title</code>, <code>color</code>,
        <code>lang</code>) with a public key whose <code>allowed_origins</code> include <code id="origin"></code>.</p>
        <p id="status"></p>
        <script>
        (function () {
          var query = new URLSearchParams(location.search);
          document.getElementById("origin").textContent = location.origin;
          var key = query.get("key");
          if (!key) { document.getElementById("status").textContent = "No key given: the chat bubble is not shown."; return; }
          var script = document.createElement("script");
          script.src = "/widget.js";
          script.setAttribute("data-public-key", key);
          ["tenant", "title", "color", "lang"].forEach(function (name) {
            var value = query.get(name);
            if (value) { script.setAttribute(name === "tenant" ? "data-tenant-id" : "data-" + name, value); }
          });
          document.body.appendChild(script);
        })();
        </script>
        </body>
        </html>
        """;

    public static IResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(Html, "text/html; charset=utf-8");
    }
}
