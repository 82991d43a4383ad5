using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>What the sales and support tests send and check: a chat message, and the prices a reply quotes.</summary>
internal static partial class ChatReplies
{
    public static Task<JsonNode> ChatAsync(this HttpClient client, string message, string contact) =>
        client.PostJsonAsync("/api/chat", new { message, contact_id = contact }, 200);

    public static string Reply(this JsonNode response) => response.Str("reply");

    /// <summary>Every amount followed by a currency code ("850.000 COP", "12.50 USD"), read as the reply's language writes numbers.</summary>
    public static List<decimal> QuotedPrices(this JsonNode response)
    {
        var english = response.Str("language") == "en";
        return PriceRegex().Matches(response.Reply()).Select(m =>
        {
            var digits = m.Groups[1].Value;
            var invariant = english ? digits.Replace(",", "", StringComparison.Ordinal) : digits.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
            return decimal.Parse(invariant, CultureInfo.InvariantCulture);
        }).ToList();
    }

    /// <summary>The reply quotes at least one price, and every price it quotes is one of <paramref name="catalog"/>.</summary>
    public static void QuotesOnly(this JsonNode response, params decimal[] catalog)
    {
        var quoted = response.QuotedPrices();
        quoted.Should().NotBeEmpty("the reply should quote a price: {0}", response.Reply());
        quoted.Should().OnlyContain(p => catalog.Contains(p), "every price in \"{0}\" must come from the catalog", response.Reply());
    }

    public static List<JsonObject> ActionsOf(this JsonNode response, string type) =>
        response["actions"]!.AsArray().OfType<JsonObject>().Where(a => a["type"]!.GetValue<string>() == type).ToList();

    [GeneratedRegex(@"(\d(?:[\d.,]*\d)?) ([A-Z]{3})\b")]
    private static partial Regex PriceRegex();
}
