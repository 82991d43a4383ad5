using Conversa.Infrastructure.Persistence.Booking;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversa.Api.Tests.Booking;

/// <summary>Which database refusals of a booking write mean "another request holds that time" (answered 409, not 500).</summary>
public sealed class BookingConstraintViolationTests
{
    private static DbUpdateException Refused(string sqlState) =>
        new("save failed", new PostgresException("refused", "ERROR", "ERROR", sqlState));

    [Theory]
    [InlineData(PostgresErrorCodes.ExclusionViolation, true)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, false)]
    public void Overlapping_inserts_that_deadlock_count_as_an_overlap(string sqlState, bool overlap) =>
        Refused(sqlState).IsOverlap().Should().Be(overlap);
}
