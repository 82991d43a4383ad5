using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// Model-wide conventions: snake_case names for every table, column, key and index (EFCore.NamingConventions
/// does not run on EF 10 here), UTC for every DateTime read back, enums stored as lowercase names.
/// </summary>
internal static class ModelConventions
{
    private static readonly ValueConverter<DateTime, DateTime> UtcDateTime =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> UtcNullableDateTime =
        new(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
                ApplyConverters(property);
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName() ?? ""));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName() ?? ""));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? ""));
            }
        }
    }

    private static void ApplyConverters(IMutableProperty property)
    {
        if (property.GetValueConverter() is not null)
        {
            return;
        }
        if (property.ClrType == typeof(DateTime))
        {
            property.SetValueConverter(UtcDateTime);
        }
        else if (property.ClrType == typeof(DateTime?))
        {
            property.SetValueConverter(UtcNullableDateTime);
        }
        else if (property.ClrType.IsEnum)
        {
            property.SetValueConverter((ValueConverter)Activator.CreateInstance(
                typeof(LowercaseEnumConverter<>).MakeGenericType(property.ClrType))!);
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Replace("__", "_", StringComparison.Ordinal);
    }

    private sealed class LowercaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
        v => v.ToString().ToLowerInvariant(),
        v => Enum.Parse<TEnum>(v, true))
        where TEnum : struct, Enum;
}
