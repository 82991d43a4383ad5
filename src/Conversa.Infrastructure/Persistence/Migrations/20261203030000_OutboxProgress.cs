using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// A sender's progress on a row (the parts of a split WhatsApp reply already accepted), durable so a retry on any node
/// goes on where the last attempt stopped. Written by hand; <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203030000_OutboxProgress")]
public sealed class OutboxProgress : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "progress", table: "outbox_messages", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "progress", table: "outbox_messages");
}
