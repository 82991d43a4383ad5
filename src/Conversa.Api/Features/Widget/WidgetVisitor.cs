using System.Text.RegularExpressions;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// The widget's visitor id: its own random id, kept in the visitor's browser. It only ever names a contact inside the
/// key's tenant (<see cref="ContactRef"/>), never a contact of its own choosing.
/// </summary>
public static partial class WidgetVisitor
{
    public const int MinIdLength = 8;
    public const int MaxIdLength = 64;
    public const string Field = "visitor_id";

    public static string ContactRef(string visitorId) => "widget:" + visitorId;

    /// <summary>Field errors for a visitor id that is present but too short or has other characters than letters, digits, '-' and '_'.</summary>
    public static void Check(string visitorId, ValidationErrors errors)
    {
        if (visitorId.Length > MaxIdLength)
        {
            return;
        }
        errors.When(visitorId.Length < MinIdLength, Field, $"{Field} is at least {MinIdLength} characters.");
        errors.When(!IdCharacters().IsMatch(visitorId), Field, $"{Field} may hold only letters, digits, '-' and '_'.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdCharacters();
}
