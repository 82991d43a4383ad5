using Conversa.Core.Personal;

namespace Conversa.Core.Tests.Personal;

public class AppointmentDraftTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_appointment_without_an_end_lasts_an_hour()
    {
        new AppointmentDraft("Dentista", null, Ten).EffectiveEnd.Should().Be(Ten.AddHours(1));
        new AppointmentDraft("Dentista", null, Ten, Ten.AddMinutes(30)).EffectiveEnd.Should().Be(Ten.AddMinutes(30));
    }

    [Fact]
    public void A_valid_draft_has_no_errors_and_is_trimmed()
    {
        var draft = new AppointmentDraft("  Dentista ", " ", Ten, Ten, " Calle 5 ", [" Ana "], " Salud ", 0);
        draft.Validate().Should().BeEmpty();
        var clean = draft.Normalized();
        clean.Title.Should().Be("Dentista");
        clean.Description.Should().BeNull();
        clean.Location.Should().Be("Calle 5");
        clean.Attendees.Should().Equal("Ana");
        clean.Category.Should().Be("Salud");
    }

    [Fact]
    public void Every_rule_names_its_field()
    {
        var errors = new AppointmentDraft(
            new string('x', 201), new string('d', 10_001), Ten, Ten.AddMinutes(-1), new string('l', 501),
            ["ok", " "], new string('c', 101), 10_081).Validate();
        errors.Select(e => e.Field).Should().BeEquivalentTo(
            ["title", "description", "end_datetime", "location", "attendees", "category", "reminder_minutes"]);
    }

    [Fact]
    public void Title_and_start_are_required_and_times_stay_in_a_sane_range()
    {
        new AppointmentDraft(" ", null, null).Validate().Select(e => e.Field).Should().BeEquivalentTo(["title", "start_datetime"]);
        new AppointmentDraft("x", null, new DateTimeOffset(9999, 12, 31, 23, 30, 0, TimeSpan.Zero)).Validate()
            .Select(e => e.Field).Should().Equal("start_datetime");
        new AppointmentDraft("x", null, Ten, new DateTimeOffset(1800, 1, 1, 0, 0, 0, TimeSpan.Zero)).Validate()
            .Select(e => e.Field).Should().Equal("end_datetime");
        new AppointmentDraft("x", null, Ten, Attendees: Enumerable.Repeat("a", 51).ToList()).Validate()
            .Select(e => e.Field).Should().Equal("attendees");
        new AppointmentDraft("x", null, Ten, ReminderMinutes: -1).Validate().Select(e => e.Field).Should().Equal("reminder_minutes");
        new AppointmentDraft("x", null, Ten, ReminderMinutes: 10_080).Validate().Should().BeEmpty();
    }

    [Fact]
    public void Applying_a_draft_stores_utc_and_no_reminder_for_zero()
    {
        var appointment = new PersonalAppointment();
        var now = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
        appointment.Apply(new AppointmentDraft("Dentista", null, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5)), ReminderMinutes: 0), now);
        appointment.StartAt.Should().Be(new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc));
        appointment.EndAt.Should().Be(new DateTime(2026, 11, 23, 16, 0, 0, DateTimeKind.Utc));
        appointment.ReminderMinutes.Should().BeNull();
        appointment.UpdatedAt.Should().Be(now);
        appointment.ToDraft().Start.Should().Be(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    }
}
