using Conversa.Core.Personal;
using Conversa.Core.Time;

namespace Conversa.Core.Tests.Personal;

public class ReminderTextTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("es", "Recordatorio: Dentista, el 23 de noviembre a las 10:00.")]
    [InlineData("pt", "Lembrete: Dentista, em 23 de novembro às 10:00.")]
    [InlineData("en", "Reminder: Dentista, on 23 November at 10:00.")]
    [InlineData("fr", "Reminder: Dentista, on 23 November at 10:00.")]
    public void Appointment_reminders_speak_the_tenants_language_in_local_time(string language, string expected) =>
        ReminderText.ForAppointment("Dentista", Start, ZonedTime.Zone("America/Bogota"), language).Should().Be(expected);

    [Fact]
    public void Task_reminders_say_the_due_time_unless_the_task_is_due_on_a_day()
    {
        var zone = ZonedTime.Zone("America/Sao_Paulo");
        ReminderText.ForTask("Enviar informe", Start, false, zone, "pt").Should().Be("Lembrete: a tarefa «Enviar informe» vence em 23 de novembro às 12:00.");
        ReminderText.ForTask("Enviar informe", Start, true, zone, "es").Should().Be("Recordatorio: la tarea «Enviar informe» vence el 23 de noviembre.");
        ReminderText.ForTask("Report", Start, false, zone, "en").Should().Be("Reminder: the task “Report” is due on 23 November at 12:00.");
    }
}
