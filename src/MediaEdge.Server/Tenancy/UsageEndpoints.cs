using System.Globalization;
using System.Text;
using MediaEdge.Requests;
using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Server.Tenancy;

/// <summary>
/// <c>GET /admin/api/usage?from=&amp;to=&amp;source=</c>: the hourly usage records of every configured source (or one), as
/// JSON, or as CSV (RFC 4180, with a header line) where <c>Accept</c> prefers <c>text/csv</c>. <c>from</c> and <c>to</c>
/// are ISO 8601 instants (default: the start of today, UTC, and now); an hour is in the span where it starts from
/// <c>from</c>'s hour up to before <c>to</c>.
/// </summary>
public static class UsageEndpoints
{
    public static void MapUsage(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", async (HttpContext context, UsageMeter usage, MediaEdgeOptions options, TimeProvider time) =>
        {
            var query = context.Request.Query;
            var now = time.GetUtcNow();
            var from = Instant(query["from"], "from") ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var to = Instant(query["to"], "to") ?? now;
            string[] sources = query["source"].ToString() is { Length: > 0 } one
                ? options.Sources.ContainsKey(one) ? [one] : throw Problems.UnknownSource(one)
                : [.. options.Sources.Keys.Order(StringComparer.Ordinal)];
            var records = await usage.Ledger.ReadAsync(from, to, sources);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Vary = "Accept";
            if (PrefersCsv(context.Request))
            {
                var csv = new StringBuilder(UsageRecord.CsvHeader).Append("\r\n");
                foreach (var record in records)
                {
                    csv.Append(record.ToCsv()).Append("\r\n");
                }

                return Results.Text(csv.ToString(), "text/csv; charset=utf-8; header=present");
            }

            return Results.Json(new
            {
                from = from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                to = to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                records = records.Select(record => record.ToJson()),
            });
        });
    }

    /// <summary>Whether the request's Accept ranks text/csv above JSON (RFC 9110 §12.5.1).</summary>
    private static bool PrefersCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept
            .Where(value => value.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(value => value.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        return Quality("text/csv") > Math.Max(Quality("application/json"), 0);
    }

    private static DateTimeOffset? Instant(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw Problems.BadParameter(name, $"{name} must be an ISO 8601 date and time, such as 2026-11-30T00:00:00Z; got '{value}'.");
    }
}
