using System.Net;
using Conversa.Api.Tests.Support;
using Conversa.Core.Reminders;

namespace Conversa.Api.Tests.Personal;

/// <summary>A user's own tasks over HTTP (tenant zone America/Bogota, -05:00; due dates years ahead).</summary>
public abstract class TaskTests(ConversaFactory app)
{
    [Fact]
    public async Task A_task_gets_its_defaults_and_is_read_replaced_patched_and_deleted()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var response = await me.PostAsync("/api/personal/tasks", Http.Json(new { title = "Enviar informe" }));
        var created = await Http.ReadAsync(response, 201);
        var id = created.Id();
        response.Headers.Location!.ToString().Should().Be($"/api/personal/tasks/{id}");
        created.Text("priority").Should().Be("medium");
        created.Text("status").Should().Be("pending");
        created["reminder_minutes"]!.GetValue<int>().Should().Be(60);
        created["due_date"].Should().BeNull();
        created["due_all_day"]!.GetValue<bool>().Should().BeFalse();
        created["overdue"]!.GetValue<bool>().Should().BeFalse();
        created["completed_at"].Should().BeNull();
        (await app.ReminderAsync(tenant, id)).Should().BeNull("a task without a due date has nothing to remind");
        System.Text.Json.Nodes.JsonNode.DeepEquals(await me.GetJsonAsync($"/api/personal/tasks/{id}"), created).Should().BeTrue();

        var replaced = await me.PutJsonAsync($"/api/personal/tasks/{id}", new
        {
            title = "Enviar informe final",
            description = "Con anexos",
            due_date = "2030-05-10",
            priority = "high",
            status = "in_progress",
            category = "Trabajo",
        }, 200);
        replaced.Text("due_date").Should().Be("2030-05-10T23:59:59-05:00", "a date means the end of that day in the tenant's zone");
        replaced["due_all_day"]!.GetValue<bool>().Should().BeTrue();
        replaced.Text("priority").Should().Be("high");
        replaced.Text("status").Should().Be("in_progress");

        var patched = await Http.ReadAsync(await me.PatchAsync($"/api/personal/tasks/{id}",
            Http.Raw("""{"status": "completed"}""", "application/merge-patch+json")), 200);
        patched.Text("due_date").Should().Be("2030-05-10T23:59:59-05:00");
        patched["due_all_day"]!.GetValue<bool>().Should().BeTrue("a date-only due date stays one through a PATCH");
        patched.Text("category").Should().Be("Trabajo");
        patched["completed_at"]!.GetValue<string>().Should().EndWith("-05:00");
        var timed = await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { due_date = "2030-05-11T18:00", status = "pending" }, 200);
        timed.Text("due_date").Should().Be("2030-05-11T18:00:00-05:00");
        timed["due_all_day"]!.GetValue<bool>().Should().BeFalse();
        timed["completed_at"].Should().BeNull();

        (await me.DeleteAsync($"/api/personal/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await me.GetAsync($"/api/personal/tasks/{id}"), 404);
        await Http.ProblemAsync(await me.DeleteAsync($"/api/personal/tasks/{id}"), 404);
    }

    [Fact]
    public async Task The_reminder_row_follows_the_due_date_and_stops_when_the_task_is_completed_or_deleted()
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "en" });
        var (me, userId) = await tenant.MemberAsync();
        var task = await me.CreateTaskAsync(new { title = "Report", due_date = "2030-05-10T18:00:00-05:00" });
        var id = task.Id();
        var reminder = (await app.ReminderAsync(tenant, id))!;
        reminder.Kind.Should().Be(ReminderKind.Task);
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 10, 22, 0, 0, DateTimeKind.Utc), "60 minutes before 18:00 -05:00");
        reminder.UserId.Should().Be(userId);
        reminder.Text.Should().Be("Reminder: the task “Report” is due on 10 May at 18:00.");

        await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { due_date = "2030-05-12", reminder_minutes = 120 }, 200);
        reminder = (await app.ReminderAsync(tenant, id))!;
        reminder.DueAt.Should().Be(new DateTime(2030, 5, 13, 2, 59, 59, DateTimeKind.Utc), "two hours before 23:59:59 -05:00");
        reminder.Text.Should().Be("Reminder: the task “Report” is due on 12 May.");

        await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { status = "completed" }, 200);
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Cancelled);
        await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { status = "in_progress" }, 200);
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Pending, "reopening a task reminds again");
        await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { due_date = (string?)null }, 200);
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Cancelled);
        await me.PatchJsonAsync($"/api/personal/tasks/{id}", new { due_date = "2030-06-01T09:00" }, 200);
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Pending);
        await me.DeleteAsync($"/api/personal/tasks/{id}");
        (await app.ReminderAsync(tenant, id))!.Status.Should().Be(ReminderStatus.Cancelled);

        var quiet = await me.CreateTaskAsync(new { title = "Quiet", due_date = "2030-05-10", reminder_minutes = 0 });
        (await app.ReminderAsync(tenant, quiet.Id())).Should().BeNull();
    }

    [Fact]
    public async Task Tasks_list_high_priority_first_then_by_due_date_then_oldest_and_filter()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        await me.CreateTaskAsync(new { title = "low-10", priority = "low", due_date = "2030-05-10" });
        await me.CreateTaskAsync(new { title = "medium-none", category = "Casa" });
        await me.CreateTaskAsync(new { title = "medium-11a", due_date = "2030-05-11T09:00", category = "trabajo" });
        await me.CreateTaskAsync(new { title = "high-none", priority = "high", category = "Trabajo" });
        await me.CreateTaskAsync(new { title = "medium-11b", due_date = "2030-05-11T09:00", status = "completed", category = "Trabajo" });
        await me.CreateTaskAsync(new { title = "high-12", priority = "high", due_date = "2030-05-12", status = "in_progress" });

        (await me.GetJsonAsync("/api/personal/tasks")).Titles().Should().Equal(
            "high-12", "high-none", "medium-11a", "medium-11b", "medium-none", "low-10");
        (await me.GetJsonAsync("/api/personal/tasks?priority=high")).Titles().Should().Equal("high-12", "high-none");
        (await me.GetJsonAsync("/api/personal/tasks?status=completed")).Titles().Should().Equal("medium-11b");
        (await me.GetJsonAsync("/api/personal/tasks?status=in_progress")).Titles().Should().Equal("high-12");
        (await me.GetJsonAsync("/api/personal/tasks?category=trabajo")).Titles().Should().Equal("high-none", "medium-11a", "medium-11b");
        (await me.GetJsonAsync("/api/personal/tasks?from=2030-05-11&to=2030-05-12")).Titles().Should().Equal("high-12", "medium-11a", "medium-11b");
        (await me.GetJsonAsync("/api/personal/tasks?overdue=true")).Titles().Should().BeEmpty();
        (await me.GetJsonAsync("/api/personal/tasks?overdue=false"))["total"]!.GetValue<int>().Should().Be(6);

        var page = await me.GetJsonAsync("/api/personal/tasks?limit=4");
        page["total"]!.GetValue<int>().Should().Be(6);
        var rest = await me.GetJsonAsync($"/api/personal/tasks?limit=4&cursor={Uri.EscapeDataString(page["next_cursor"]!.GetValue<string>())}");
        rest.Titles().Should().Equal("medium-none", "low-10");

        var categories = await me.GetJsonAsync("/api/personal/tasks/categories");
        categories["categories"]!.AsArray().Select(c => (c!.Text("name"), c!["count"]!.GetValue<int>()))
            .Should().Equal([("Casa", 1), ("Trabajo", 3)], "spellings that differ only in case are one category, named as most tasks spell it");
    }

    [Fact]
    public async Task Bad_task_input_is_a_400_problem_naming_every_field()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, _) = await tenant.MemberAsync();
        var problem = await Http.ProblemAsync(await me.PostAsync("/api/personal/tasks", Http.Json(new
        {
            title = "",
            due_date = "mañana",
            priority = "urgent",
            status = "done",
            reminder_minutes = -5,
            category = new string('c', 101),
        })), 400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(
            ["title", "due_date", "priority", "status", "reminder_minutes", "category"]);
        problem["errors"]!["priority"]![0]!.GetValue<string>().Should().Contain("low, medium or high");

        await Http.ProblemAsync(await me.PostAsync("/api/personal/tasks", Http.Raw("""{"title": "x", "priority": 3}""")), 400);
        await Http.ProblemAsync(await me.PostAsync("/api/personal/tasks", Http.Raw("[1, 2]")), 400);
        foreach (var query in new[] { "status=done", "priority=urgent", "overdue=maybe", "upcoming_days=-1", "from=x" })
        {
            var listProblem = await Http.ProblemAsync(await me.GetAsync("/api/personal/tasks?" + query), 400);
            listProblem["errors"]!.AsObject().Count.Should().Be(1, query);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskTestsOnSqlite(SqliteFactory app) : TaskTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TaskTestsOnPostgres(PostgresFactory app) : TaskTests(app);
