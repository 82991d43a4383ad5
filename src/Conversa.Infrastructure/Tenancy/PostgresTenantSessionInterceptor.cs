using System.Data.Common;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Binds every PostgreSQL connection EF opens to the context's tenant, so row-level security
/// (<c>tenant_id = current_setting('app.tenant_id')</c>) re-checks what the query filters already do.
/// A connection opened without a tenant sees no tenant rows at all.
/// </summary>
internal sealed class PostgresTenantSessionInterceptor : DbConnectionInterceptor
{
    private const string Sql = "SELECT set_config('app.tenant_id', @tenant, false), set_config('app.bypass_rls', @bypass, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command?.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        if (command is not null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand? CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is not AppDbContext db)
        {
            return null;
        }
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        AddParameter(command, "tenant", db.SessionTenantId?.ToString() ?? "");
        AddParameter(command, "bypass", db.BypassTenancy ? "on" : "off");
        return command;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
