using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// The front desk: greetings (the tenant's greeting, or an introduction in the persona's name), thanks, goodbyes,
/// a bare yes or no with nothing pending, a declined offer of a person, and — as a no-match — what nobody understood.
/// </summary>
public sealed class RouterAgent : IAgent
{
    public string Name => AgentNames.Router;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.Greeting, Core.Language.Intents.Thanks, Core.Language.Intents.Goodbye];

    public Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken) => Task.FromResult(Reply(turn));

    private static AgentReply Reply(AgentTurn turn)
    {
        if (turn.Continuation && turn.Intent == Core.Language.Intents.No)
        {
            turn.Context.PendingDialog = null;
            return new AgentReply(turn.Say(new Localized(
                "De acuerdo, sigo aquí para ayudarte. ¿Qué necesitas?",
                "Tudo bem, continuo aqui para ajudar. Do que você precisa?",
                "All right, I'm still here to help. What do you need?")));
        }
        return turn.Intent switch
        {
            Core.Language.Intents.Greeting => new AgentReply(Greeting(turn)),
            Core.Language.Intents.Thanks => new AgentReply(turn.Say(new Localized(
                "¡Con gusto! ¿Hay algo más en lo que te pueda ayudar?",
                "Por nada! Posso ajudar em mais alguma coisa?",
                "You're welcome! Is there anything else I can help you with?"))),
            Core.Language.Intents.Goodbye => new AgentReply(turn.Say(new Localized(
                "¡Hasta pronto! Aquí estaré si necesitas algo más.",
                "Até logo! Estou por aqui se precisar de algo.",
                "Goodbye! I'm here if you need anything else."))),
            Core.Language.Intents.Yes or Core.Language.Intents.No => new AgentReply(turn.Say(new Localized(
                "Perfecto. ¿En qué te puedo ayudar?",
                "Certo. Em que posso ajudar?",
                "Okay. How can I help you?"))),
            _ => new AgentReply(turn.Say(new Localized(
                "Perdona, no entendí bien tu mensaje. ",
                "Desculpe, não entendi bem sua mensagem. ",
                "Sorry, I didn't quite understand your message. ")) + Capabilities(turn))
            {
                NoMatch = true,
            },
        };
    }

    private static string Greeting(AgentTurn turn)
    {
        if (turn.Profile.Greeting is { } greeting && turn.Language == turn.Profile.DefaultLanguage)
        {
            return greeting;
        }
        var hello = turn.Say(new Localized("¡Hola! ", "Olá! ", "Hello! "));
        return hello + turn.Profile.Introduction(turn.Language) + " " + Capabilities(turn);
    }

    /// <summary>"Puedo darte precios, resolver tus dudas y agendar una cita. ¿En qué te ayudo?" — from the enabled agents.</summary>
    public static string Capabilities(AgentTurn turn)
    {
        var profile = turn.Profile;
        var can = new List<string>();
        if (profile.Enabled(AgentNames.Sales))
        {
            can.Add(turn.Say(new Localized("darte precios y productos", "informar preços e produtos", "give you prices and products")));
        }
        if (profile.Enabled(AgentNames.Support))
        {
            can.Add(turn.Say(new Localized("resolver tus dudas", "tirar suas dúvidas", "answer your questions")));
        }
        if (profile.Enabled(AgentNames.Schedule) || profile.Enabled(AgentNames.Availability))
        {
            can.Add(turn.Say(new Localized("agendar una cita", "agendar um horário", "book an appointment")));
        }
        var question = turn.Say(new Localized("¿En qué te ayudo?", "Como posso ajudar?", "How can I help?"));
        if (can.Count == 0)
        {
            return question;
        }
        var and = turn.Say(new Localized(" y ", " e ", " and "));
        var list = can.Count == 1 ? can[0] : string.Join(", ", can[..^1]) + and + can[^1];
        return turn.Say(new Localized("Puedo ", "Posso ", "I can ")) + list + ". " + question;
    }
}
