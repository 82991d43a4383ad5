using Conversa.Core.Personal;
using Conversa.Core.Time;

namespace Conversa.Core.Tests.Personal;

public class TaskDraftTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_date_means_the_last_second_of_that_day_in_the_tenants_zone()
    {
        DueDate.TryParse("2026-11-23", ZonedTime.Zone("America/Bogota"), out var due, out var allDay).Should().BeTrue();
        allDay.Should().BeTrue();
        due.Should().Be(new DateTimeOffset(2026, 11, 23, 23, 59, 59, TimeSpan.FromHours(-5)));

        // The day the clocks go forward in Madrid has 23 hours; its end is still 23:59:59 local (summer time).
        DueDate.TryParse("2026-03-29", ZonedTime.Zone("Europe/Madrid"), out var spring, out _).Should().BeTrue();
        spring.Should().Be(new DateTimeOffset(2026, 3, 29, 23, 59, 59, TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("2026-11-23T18:00:00-05:00")]
    [InlineData("2026-11-23T18:00")]
    [InlineData("2026-11-23 18:00:00")]
    public void A_date_time_is_taken_as_is_or_in_the_tenants_zone(string text)
    {
        DueDate.TryParse(text, ZonedTime.Zone("America/Bogota"), out var due, out var allDay).Should().BeTrue();
        allDay.Should().BeFalse();
        due.Should().Be(new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("mañana")]
    [InlineData("2026-02-30")]
    [InlineData("")]
    public void Anything_else_is_not_a_due_date(string text) =>
        DueDate.TryParse(text, ZonedTime.Zone("America/Bogota"), out _, out _).Should().BeFalse();

    [Fact]
    public void Rules_name_their_fields()
    {
        new TaskDraft(null).Validate().Select(e => e.Field).Should().Equal("title");
        new TaskDraft("x", new string('d', 10_001), new DateTimeOffset(3001, 1, 1, 0, 0, 0, TimeSpan.Zero), Category: new string('c', 101),
            ReminderMinutes: 20_000).Validate().Select(e => e.Field).Should().BeEquivalentTo(["description", "due_date", "category", "reminder_minutes"]);
        new TaskDraft("Enviar informe").Validate().Should().BeEmpty();
    }

    [Fact]
    public void Defaults_are_medium_pending_and_completing_stamps_the_time_once()
    {
        var task = new PersonalTask();
        task.Apply(new TaskDraft("Informe"), Now);
        task.Priority.Should().Be(TaskPriority.Medium);
        task.Status.Should().Be(PersonalTaskStatus.Pending);
        task.ReminderMinutes.Should().Be(60);
        task.CompletedAt.Should().BeNull();

        task.Apply(task.ToDraft() with { Status = PersonalTaskStatus.Completed }, Now);
        task.CompletedAt.Should().Be(Now);
        task.Apply(task.ToDraft() with { Title = "Informe final" }, Now.AddHours(1));
        task.CompletedAt.Should().Be(Now, "it was completed then, not at the later edit");
        task.Apply(task.ToDraft() with { Status = PersonalTaskStatus.InProgress }, Now.AddHours(2));
        task.CompletedAt.Should().BeNull();
    }

    [Fact]
    public void Overdue_means_due_in_the_past_and_not_completed()
    {
        var task = new PersonalTask { DueAt = Now.AddMinutes(-1) };
        task.IsOverdue(Now).Should().BeTrue();
        task.Status = PersonalTaskStatus.Completed;
        task.IsOverdue(Now).Should().BeFalse();
        new PersonalTask { DueAt = Now.AddMinutes(1) }.IsOverdue(Now).Should().BeFalse();
        new PersonalTask().IsOverdue(Now).Should().BeFalse("a task without a due date is never overdue");
    }

    [Theory]
    [InlineData("low", TaskPriority.Low)]
    [InlineData("HIGH", TaskPriority.High)]
    [InlineData(" medium ", TaskPriority.Medium)]
    public void Priorities_read_by_name(string text, TaskPriority expected)
    {
        PersonalEnums.TryParsePriority(text, out var priority).Should().BeTrue();
        priority.Should().Be(expected);
    }

    [Fact]
    public void Statuses_read_by_their_api_names_only()
    {
        PersonalEnums.TryParseStatus("in_progress", out var status).Should().BeTrue();
        status.Should().Be(PersonalTaskStatus.InProgress);
        PersonalEnums.TryParseStatus("inprogress", out _).Should().BeFalse();
        PersonalEnums.TryParseStatus("2", out _).Should().BeFalse();
        PersonalEnums.TryParsePriority("urgent", out _).Should().BeFalse();
        PersonalEnums.Name(PersonalTaskStatus.InProgress).Should().Be("in_progress");
    }
}
