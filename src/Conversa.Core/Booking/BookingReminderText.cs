using System.Globalization;
using NodaTime;

namespace Conversa.Core.Booking;

/// <summary>The customer's reminder of a booking, in the tenant's language (es, pt, en), with the local date and time.</summary>
public static class BookingReminderText
{
    public static string For(string language, string business, string service, string provider, ZonedDateTime start)
    {
        var local = start.LocalDateTime;
        switch (language)
        {
            case "pt":
                var pt = CultureInfo.GetCultureInfo("pt-BR");
                return $"Lembrete de {business}: {service} com {provider} em {local.ToString("dddd, d 'de' MMMM", pt)} às {local.ToString("HH:mm", pt)}.";
            case "en":
                var en = CultureInfo.GetCultureInfo("en-US");
                return $"Reminder from {business}: {service} with {provider} on {local.ToString("dddd, MMMM d", en)} at {local.ToString("h:mm tt", en)}.";
            default:
                var es = CultureInfo.GetCultureInfo("es-ES");
                return $"Recordatorio de {business}: {service} con {provider} el {local.ToString("dddd d 'de' MMMM", es)} a las {local.ToString("HH:mm", es)}.";
        }
    }
}
