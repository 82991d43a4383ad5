using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// The knowledge base: documents, their chunks (text, heading path, embedding bytes) and the per-tenant
/// index state row. Written by hand like <see cref="Initial"/>; <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_Knowledge")]
public sealed class Knowledge : Migration
{
    private static readonly string[] Tables = ["documents", "document_chunks", "knowledge_index_states"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "documents",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                title = table.Column<string>(nullable: false),
                content_type = table.Column<string>(nullable: false),
                file_name = table.Column<string>(nullable: true),
                content = table.Column<string>(nullable: false),
                metadata_json = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                chunk_count = table.Column<int>(nullable: false),
                size_bytes = table.Column<long>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_documents", x => x.id);
                table.ForeignKey("fk_documents_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_documents_tenant_id_created_at", "documents", ["tenant_id", "created_at"]);
        migrationBuilder.CreateIndex("ix_documents_tenant_id", "documents", "tenant_id");

        migrationBuilder.CreateTable(
            name: "document_chunks",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                document_id = table.Column<Guid>(nullable: false),
                ordinal = table.Column<int>(nullable: false),
                text = table.Column<string>(nullable: false),
                heading = table.Column<string>(nullable: true),
                embedding = table.Column<byte[]>(nullable: false),
                embedding_model = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_document_chunks", x => x.id);
                table.ForeignKey("fk_document_chunks_documents_document_id", x => x.document_id, "documents", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_document_chunks_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_document_chunks_tenant_id_document_id_ordinal", "document_chunks", ["tenant_id", "document_id", "ordinal"], unique: true);
        migrationBuilder.CreateIndex("ix_document_chunks_document_id", "document_chunks", "document_id");
        migrationBuilder.CreateIndex("ix_document_chunks_tenant_id", "document_chunks", "tenant_id");

        migrationBuilder.CreateTable(
            name: "knowledge_index_states",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                tenant_id = table.Column<Guid>(nullable: false),
                version = table.Column<long>(nullable: false),
                document_count = table.Column<int>(nullable: false),
                chunk_count = table.Column<int>(nullable: false),
                checksum = table.Column<long>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_index_states", x => x.id);
                table.ForeignKey("fk_knowledge_index_states_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_knowledge_index_states_tenant_id", "knowledge_index_states", "tenant_id", unique: true);

        RowLevelSecurity.EnableOn(migrationBuilder, Tables);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables.Reverse())
        {
            migrationBuilder.DropTable(table);
        }
    }
}
