using Conversa.Core.Personal;

namespace Conversa.Core.Tests.Personal;

public class AppointmentOverlapTests
{
    private static DateTime At(int hour, int minute = 0) => new(2026, 11, 23, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(9, 0, 10, 0, 9, 30, 10, 30, true)]   // partial
    [InlineData(9, 0, 12, 0, 10, 0, 11, 0, true)]    // contains
    [InlineData(9, 0, 10, 0, 10, 0, 11, 0, false)]   // back to back
    [InlineData(9, 0, 10, 0, 11, 0, 12, 0, false)]   // apart
    [InlineData(9, 0, 9, 0, 9, 0, 9, 0, true)]       // two points at the same minute
    [InlineData(9, 0, 10, 0, 9, 30, 9, 30, true)]    // a point inside a span
    [InlineData(9, 0, 10, 0, 10, 0, 10, 0, false)]   // a point at a span's end
    [InlineData(9, 0, 10, 0, 9, 0, 9, 0, true)]      // a point at a span's start
    public void Spans_are_half_open_and_points_take_their_instant(
        int aStartH, int aStartM, int aEndH, int aEndM, int bStartH, int bStartM, int bEndH, int bEndM, bool overlaps)
    {
        var (aStart, aEnd, bStart, bEnd) = (At(aStartH, aStartM), At(aEndH, aEndM), At(bStartH, bStartM), At(bEndH, bEndM));
        AppointmentOverlap.Overlaps(aStart, aEnd, bStart, bEnd).Should().Be(overlaps);
        AppointmentOverlap.Overlaps(bStart, bEnd, aStart, aEnd).Should().Be(overlaps, "overlap is symmetric");
    }
}
