namespace Conversa.Core.Language;

/// <summary>The intents the router tells apart. Tenants and sector templates may add their own names as well.</summary>
public static class Intents
{
    public const string Greeting = "greeting";
    public const string ProductQuery = "product_query";
    public const string Price = "price";
    public const string KnowledgeQuestion = "knowledge_question";
    public const string Availability = "availability";
    public const string Booking = "booking";
    public const string Cancel = "cancel";
    public const string Reschedule = "reschedule";
    public const string Handoff = "handoff";
    public const string Emergency = "emergency";
    public const string PersonalAgenda = "personal_agenda";
    public const string Task = "task";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string Yes = "yes";
    public const string No = "no";

    public static IReadOnlyList<string> All { get; } =
    [
        Greeting, ProductQuery, Price, KnowledgeQuestion, Availability, Booking, Cancel, Reschedule, Handoff, Emergency,
        PersonalAgenda, Task, Thanks, Goodbye, Yes, No,
    ];

    /// <summary>
    /// Courtesies and bare answers. In "hola, ¿cuánto cuesta el botox?" the price question is what needs answering,
    /// so a message with both a social and a content intent is classified by its content.
    /// </summary>
    public static bool IsSocial(string intent) => intent is Greeting or Thanks or Goodbye or Yes or No;
}
