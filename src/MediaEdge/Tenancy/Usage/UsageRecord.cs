using System.Globalization;
using System.Text;

namespace MediaEdge.Tenancy.Usage;

/// <summary>
/// What one source used in one hour (UTC), added up across nodes: the row of <c>GET /admin/api/usage</c>, for billing.
/// </summary>
/// <param name="Source">The configured source's name.</param>
/// <param name="Hour">The hour's start, UTC.</param>
/// <param name="Counters">One value per <see cref="UsageField"/>, in its order.</param>
public sealed record UsageRecord(string Source, DateTimeOffset Hour, long[] Counters)
{
    /// <summary>The CSV header line matching <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "source,hour,requests,variants,transformMilliseconds,ffmpegSeconds,originBytes,bytesOut,bytesSaved,hitL1,hitDisk,hitL2,miss,stale,rateLimited,clientErrors,serverErrors";

    public long this[UsageField field] => Counters[(int)field];

    /// <summary>The record as JSON members: counts and bytes as integers, transform time in milliseconds, ffmpeg time in seconds.</summary>
    public Dictionary<string, object> ToJson() => new()
    {
        ["source"] = Source,
        ["hour"] = Hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH':00:00Z'", CultureInfo.InvariantCulture),
        ["requests"] = this[UsageField.Requests],
        ["variants"] = this[UsageField.Variants],
        ["transformMilliseconds"] = this[UsageField.TransformMicroseconds] / 1000.0,
        ["ffmpegSeconds"] = this[UsageField.FfmpegMicroseconds] / 1_000_000.0,
        ["originBytes"] = this[UsageField.OriginBytes],
        ["bytesOut"] = this[UsageField.BytesOut],
        ["bytesSaved"] = this[UsageField.BytesSaved],
        ["hitL1"] = this[UsageField.HitL1],
        ["hitDisk"] = this[UsageField.HitDisk],
        ["hitL2"] = this[UsageField.HitL2],
        ["miss"] = this[UsageField.Miss],
        ["stale"] = this[UsageField.Stale],
        ["rateLimited"] = this[UsageField.RateLimited],
        ["clientErrors"] = this[UsageField.ClientErrors],
        ["serverErrors"] = this[UsageField.ServerErrors],
    };

    /// <summary>The record as one CSV line (RFC 4180), in <see cref="CsvHeader"/>'s order.</summary>
    public string ToCsv()
    {
        var line = new StringBuilder();
        foreach (var value in ToJson().Values)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            line.Append(line.Length == 0 ? "" : ",").Append(text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
        }

        return line.ToString();
    }
}
