using System.Globalization;
using System.Text;

namespace Conversa.Benchmarks.Chat;

/// <summary>
/// What the chat scenario says and knows: FAQ-like markdown documents (one chunk per question, in Spanish, Portuguese
/// and English), a small catalog, and the customers' messages, a fixed mix of greetings, price questions, questions
/// the knowledge base answers, booking requests and gibberish in es/pt/en. Nothing in it is an emergency or asks for a
/// person: those hand the conversation to staff and silence the bot, which would change the mix as the run goes on.
/// </summary>
public static class ChatCorpus
{
    public static readonly (string Name, decimal Price)[] Products =
    [
        ("Botox", 850_000m), ("Limpieza facial", 180_000m), ("Depilación láser", 320_000m), ("Peeling químico", 250_000m),
        ("Relleno de labios", 1_200_000m), ("Hidratación profunda", 150_000m), ("Mesoterapia", 400_000m), ("Consulta de valoración", 80_000m),
        ("Tratamiento de manchas", 380_000m), ("Masaje reductor", 120_000m), ("Radiofrecuencia", 270_000m), ("Plasma rico en plaquetas", 600_000m),
    ];

    /// <summary>Bookable services (one provider performs them all), so booking requests reach the schedule agent's catalog.</summary>
    public static readonly (string Name, int Minutes)[] Services = [("Limpieza facial", 60), ("Depilación láser", 45), ("Consulta de valoración", 30)];

    /// <summary>Topics of the FAQ; each document asks about every topic from another angle, so chunks differ but overlap as real FAQs do.</summary>
    private static readonly (string Es, string Pt, string En)[] Topics =
    [
        ("horario de atención", "horário de atendimento", "opening hours"),
        ("formas de pago", "formas de pagamento", "payment methods"),
        ("parqueadero", "estacionamento", "parking"),
        ("política de cancelación", "política de cancelamento", "cancellation policy"),
        ("cuidados después del botox", "cuidados depois do botox", "aftercare for botox"),
        ("duración de la depilación láser", "duração da depilação a laser", "how long laser hair removal lasts"),
        ("garantía de los tratamientos", "garantia dos tratamentos", "treatment warranty"),
        ("tarjetas de regalo", "cartões-presente", "gift cards"),
        ("promociones del mes", "promoções do mês", "monthly promotions"),
        ("dirección de la clínica", "endereço da clínica", "clinic address"),
    ];

    public static readonly string[] Messages =
    [
        // greetings and small talk
        "Hola", "Buenas tardes", "hola, ¿cómo estás?", "Olá", "Bom dia!", "Oi, tudo bem?", "Hello", "Hi there", "Good morning", "gracias", "obrigado", "thanks!",
        // prices
        "¿Cuánto cuesta el botox?", "precio de la limpieza facial", "¿qué valor tiene la depilación láser?", "Quanto custa o peeling químico?",
        "qual o preço da hidratação profunda?", "How much is the lip filler?", "price of mesotherapy", "what does a consultation cost?",
        // knowledge
        "¿Cuál es el horario de atención?", "¿Qué formas de pago aceptan?", "¿Tienen parqueadero?", "¿Cuál es la política de cancelación?",
        "¿Qué cuidados debo tener después del botox?", "Qual é o horário de atendimento?", "Vocês têm estacionamento?", "Quais são as formas de pagamento?",
        "What are your opening hours?", "Do you have parking?", "What is your cancellation policy?", "Do you sell gift cards?",
        // booking
        "Quiero agendar una cita para el viernes a las 3", "¿tienen disponibilidad mañana en la mañana?", "quisiera reservar una limpieza facial",
        "Quero marcar uma consulta para segunda-feira", "tem horário disponível amanhã?", "I'd like to book an appointment next Tuesday at 10",
        "Can I schedule a laser session tomorrow afternoon?",
        // gibberish
        "asdfgh", "jkjkjk qwe", "?????", "xzv plorth mek", "kkkkkk", "lorem ipsum dolor", "12345", "...",
    ];

    /// <summary>Markdown FAQ documents with <paramref name="sections"/> question sections each (one chunk per section).</summary>
    public static IEnumerable<(string Title, string Content)> Documents(int documents, int sections)
    {
        for (var d = 0; d < documents; d++)
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Preguntas frecuentes {d + 1}\n\n");
            for (var s = 0; s < sections; s++)
            {
                var (es, pt, en) = Topics[(d + s) % Topics.Length];
                var product = Products[(d * sections + s) % Products.Length];
                text.Append(((d + s) % 3) switch
                {
                    0 => $"## ¿Qué hay que saber sobre {es}? ({d}.{s})\n\nSobre {es}: atendemos de lunes a sábado y el equipo te orienta en cada paso. " +
                         $"Si tu pregunta es sobre {product.Name.ToLowerInvariant()}, te explicamos el procedimiento, la preparación y lo que incluye la sesión {s + 1}.\n\n",
                    1 => $"## Dúvidas sobre {pt} ({d}.{s})\n\nSobre {pt}: a equipe explica tudo na primeira consulta. " +
                         $"Para {product.Name.ToLowerInvariant()}, informamos o preparo, a duração e os cuidados da sessão {s + 1}.\n\n",
                    _ => $"## About {en} ({d}.{s})\n\nRegarding {en}: our team answers every question at your first visit. " +
                         $"For {product.Name.ToLowerInvariant()}, we explain the preparation, how long it takes and the care after session {s + 1}.\n\n",
                });
            }
            yield return ($"FAQ {d + 1}", text.ToString());
        }
    }
}
