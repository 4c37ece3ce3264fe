using System.Globalization;

namespace MediaEdge.Shield;

/// <summary>
/// HTTP-date as RFC 9110 §5.6.7 defines it, strictly: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete
/// rfc850-date ("Sunday, 06-Nov-94 08:49:37 GMT", a two-digit year more than 50 years ahead read as the past century)
/// and asctime-date ("Sun Nov  6 08:49:37 1994"). Names are case-sensitive, as the grammar says; anything else is invalid.
/// </summary>
// By hand: HeaderUtilities.TryParseDate also reads forms RFC 9110 calls invalid (no GMT, offsets, one-digit fields), and an invalid Expires must mean expired.
public static class HttpDate
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Formats as IMF-fixdate.</summary>
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <returns>False for anything that is not one of the three forms (an invalid Expires then means "already expired", RFC 9111 §5.3).</returns>
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim(' ', '\t');
        var comma = s.IndexOf(',');
        if (comma == 3 && Days.Contains(s[..3]))
        {
            // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
            return s.Length == 29 && s[4] == ' ' && s[7] == ' ' && s[11] == ' ' && s[16] == ' ' && s[25..] == " GMT"
                && TryBuild(s.Substring(12, 4), s.Substring(8, 3), s.Substring(5, 2), s.Substring(17, 8), out value);
        }

        if (comma > 3 && LongDays.Contains(s[..comma]))
        {
            // rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"
            var rest = s[(comma + 1)..];
            if (rest.Length != 23 || rest[0] != ' ' || rest[3] != '-' || rest[7] != '-' || rest[10] != ' ' || rest[19..] != " GMT"
                || !Digits(rest.Substring(8, 2), 2))
            {
                return false;
            }

            // RFC 9110 §5.6.7: a timestamp more than 50 years ahead is in the most recent past year with those two digits.
            var utcNow = now.ToUniversalTime();
            var year = utcNow.Year / 100 * 100 + int.Parse(rest.AsSpan(8, 2), CultureInfo.InvariantCulture);
            string Fields(int y) => y.ToString("D4", CultureInfo.InvariantCulture);
            if (TryBuild(Fields(year), rest.Substring(4, 3), rest.Substring(1, 2), rest.Substring(11, 8), out value) && value <= utcNow.AddYears(50))
            {
                return true;
            }

            return TryBuild(Fields(year - 100), rest.Substring(4, 3), rest.Substring(1, 2), rest.Substring(11, 8), out value)
                && value <= utcNow.AddYears(50);
        }

        // asctime-date: "Sun Nov  6 08:49:37 1994"
        return s.Length == 24 && Days.Contains(s[..3]) && s[3] == ' ' && s[7] == ' ' && s[10] == ' ' && s[19] == ' '
            && (s[8] == ' ' ? char.IsAsciiDigit(s[9]) : true)
            && TryBuild(s.Substring(20, 4), s.Substring(4, 3), s[8] == ' ' ? "0" + s[9] : s.Substring(8, 2), s.Substring(11, 8), out value);
    }

    private static bool TryBuild(string year, string month, string day, string time, out DateTimeOffset value)
    {
        value = default;
        var m = Array.IndexOf(Months, month) + 1;
        if (m == 0 || !Digits(year, 4) || !Digits(day, 2) || time.Length != 8 || time[2] != ':' || time[5] != ':'
            || !Digits(time[..2], 2) || !Digits(time[3..5], 2) || !Digits(time[6..], 2))
        {
            return false;
        }

        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        var hh = int.Parse(time[..2], CultureInfo.InvariantCulture);
        var mm = int.Parse(time[3..5], CultureInfo.InvariantCulture);
        var ss = int.Parse(time[6..], CultureInfo.InvariantCulture);
        // RFC 9110 §5.6.7 allows a leap second (60); it is read as the next second.
        if (y < 1 || d < 1 || d > DateTime.DaysInMonth(y, m) || hh > 23 || mm > 59 || ss > 60)
        {
            return false;
        }

        value = new DateTimeOffset(y, m, d, hh, mm, 0, TimeSpan.Zero).AddSeconds(ss);
        return true;
    }

    private static bool Digits(string s, int count) => s.Length == count && s.All(char.IsAsciiDigit);
}
