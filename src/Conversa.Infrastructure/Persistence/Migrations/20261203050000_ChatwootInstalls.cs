using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// A Chatwoot account and inbox are unique per install (<c>base_url</c>), no longer platform-wide: two self-hosted
/// installs both have an account 1. Existing rows keep their base URL as saved; the API compares installs normalised,
/// so a row saved before normalisation still conflicts with its install. Written by hand; <c>MigrationSchemaTests</c>
/// proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203050000_ChatwootInstalls")]
public sealed class ChatwootInstalls : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_chatwoot_channels_routing_key", "chatwoot_channels");
        migrationBuilder.CreateIndex("ix_chatwoot_channels_routing_key_base_url", "chatwoot_channels", ["routing_key", "base_url"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_chatwoot_channels_routing_key_base_url", "chatwoot_channels");
        migrationBuilder.CreateIndex("ix_chatwoot_channels_routing_key", "chatwoot_channels", "routing_key", unique: true);
    }
}
