using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversa.Infrastructure.Persistence.Booking;

/// <summary>The database refusals a booking write can meet after its own checks passed: a race it could not see.</summary>
public static class BookingConstraintViolation
{
    private const int SqliteConstraintForeignKey = 787;

    /// <summary>
    /// PostgreSQL's exclusion constraint refused an overlapping booking of the same provider (SqlState 23P01) — or two
    /// inserts of overlapping bookings waited on each other's uncommitted rows and this one was chosen as the deadlock
    /// victim (40P01): an exclusion constraint checks in-progress rows too, so concurrent overlapping inserts can
    /// deadlock instead of one of them seeing the violation. Either way the other request holds the time.
    /// </summary>
    public static bool IsOverlap(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.DeadlockDetected };

    /// <summary>A referenced service, provider or contact was deleted meanwhile.</summary>
    public static bool IsMissingReference(this DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey }
            or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };
}
