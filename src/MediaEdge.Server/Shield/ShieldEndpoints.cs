using System.Globalization;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Security;
using MediaEdge.Server.Endpoints;
using MediaEdge.Server.Tenancy;
using MediaEdge.Shield;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Shield;

/// <summary>
/// Every method on /o/{source}/{key}: GET and HEAD through the shared cache, others passed on to an HTTP origin. The
/// answer carries the origin's end-to-end fields as stored, Age (RFC 9111 §5.1), and the client's conditionals and
/// ranges evaluated against it (RFC 9110 §13, §14).
/// </summary>
public static class ShieldEndpoints
{
    private static readonly string[] ActiveTypes = ["image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/xml"];

    // Fields about the request's own framing, which the outgoing request gets anew.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Expect", "Content-Length" };

    // A 304 carries what a 200 would have, less the fields that describe content it does not send (RFC 9110 §15.4.5).
    private static readonly string[] NotIn304 = ["Content-Length", "Content-Range", "Content-Type", "Content-Encoding", "Content-Language", "Content-Disposition", "Content-MD5"];

    public static void MapShieldEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/o/{source}/{**key}", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, string source, string? key, ShieldService shield, SourceAdmission admission, MediaEdgeOptions options)
    {
        var request = context.Request;
        admission.Admit(context, context.RawTarget(), source);
        var method = request.Method.ToUpperInvariant();
        var cacheable = method is "GET" or "HEAD";
        if (method is "CONNECT" or "TRACE" || (!cacheable && !shield.Forwards(source)))
        {
            // ProblemMiddleware answers the bare 405 as a problem, keeping Allow.
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = method is "CONNECT" or "TRACE" && shield.Forwards(source) ? "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS" : "GET, HEAD";
            return;
        }

        var fields = RequestFields(request, withBody: !cacheable);
        await using var result = await shield.SendAsync(
            new ShieldRequest(method, source, key ?? string.Empty, ForwardedQuery(request.QueryString.Value, options.Security), fields, cacheable ? null : request.Body),
            context.RequestAborted);

        var contentType = result.Headers.First("Content-Type");
        var active = contentType is not null && ActiveTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase));
        if (active && options.Security.ActiveContent.Equals("Refuse", StringComparison.OrdinalIgnoreCase))
        {
            throw Problems.UnsupportedMedia($"'{key}' is {contentType}, active content this server does not serve (Security:ActiveContent=Refuse).");
        }

        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in result.Headers)
        {
            if (!name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase) && !(result.Age is not null && name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Append(name, FieldLines.Sendable(value));
            }
        }

        if (result.Age is { } age)
        {
            headers.Age = ((long)Math.Min(age.TotalSeconds, int.MaxValue)).ToString(CultureInfo.InvariantCulture);
        }

        headers.XContentTypeOptions = "nosniff";
        headers.Append("Server-Timing", "cache;desc=" + result.Tier);
        if (active)
        {
            headers.ContentDisposition = "attachment";
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        }

        var isHead = method == "HEAD";
        var length = result.Length;
        if (cacheable && result.Status == 200)
        {
            if (NotModified(request, result))
            {
                foreach (var name in NotIn304)
                {
                    headers.Remove(name);
                }

                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            if (length >= 0)
            {
                // Ranges of a known length are cut here, from storage or from the stream passed through: the framework's range
                // processing needs a seekable stream, answers HEAD with 206 (RFC 9110 §14.2: GET only) and ignores a Range of several ranges.
                headers.AcceptRanges = "bytes";
            }

            var ranges = length >= 0 && !isHead && RangeApplies(request, result) ? ByteRanges.Parse(request.Headers.Range.ToString(), length) : null;
            if (ranges is { Count: 0 })
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(length);
                response.ContentLength = 0;
                return;
            }

            if (ranges is { Count: 1 })
            {
                var (start, end) = ranges[0];
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(start, end, length);
                response.ContentLength = end - start + 1;
                await WriteSliceAsync(context, result, start, end - start + 1);
                return;
            }

            if (ranges is { Count: > 1 } && result.Stored is { } stored)
            {
                await MultipartByteRanges.WriteAsync(context, stored.Body, ranges, contentType ?? "application/octet-stream", length);
                return;
            }
        }

        response.StatusCode = result.Status;
        if (result.Status is 204 or 304 || result.Status < 200)
        {
            return;
        }

        if (length >= 0)
        {
            response.ContentLength = length;
        }
        else if (isHead && long.TryParse(result.Headers.First(HeaderNames.ContentLength), NumberStyles.None, CultureInfo.InvariantCulture, out var stated))
        {
            // A HEAD passed on (a miss) has no body to measure: the origin's Content-Length states the representation's (RFC 9110 §8.6).
            response.ContentLength = stated;
        }

        if (!isHead)
        {
            await WriteSliceAsync(context, result, 0, length >= 0 ? length : long.MaxValue);
        }
    }

    /// <summary>The client's end-to-end fields, each line as sent; hop-by-hop ones, Host and framing fields are the outgoing request's own.</summary>
    private static HeaderField[] RequestFields(HttpRequest request, bool withBody)
    {
        var fields = new List<HeaderField>();
        foreach (var (name, values) in request.Headers)
        {
            if (NotForwarded.Contains(name) && !(withBody && name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            foreach (var value in values)
            {
                fields.Add(new HeaderField(name, value ?? string.Empty));
            }
        }

        return fields.EndToEnd();
    }

    /// <summary>The query as sent, less the URL signature's own parameters (s, expires) where signing is configured.</summary>
    private static string ForwardedQuery(string? raw, SecurityOptions security)
    {
        var query = string.IsNullOrEmpty(raw) ? string.Empty : raw[1..];
        if (query.Length == 0 || security.SigningKeys.Length == 0)
        {
            return query;
        }

        return string.Join('&', query.Split('&').Where(p => !(p.StartsWith("s=", StringComparison.Ordinal) || p.StartsWith("expires=", StringComparison.Ordinal))));
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match (weak comparison) decides; If-Modified-Since only without it, against Last-Modified or else Date (RFC 9111 §4.3.2).</summary>
    private static bool NotModified(HttpRequest request, ShieldResult result)
    {
        // By hand: the framework's preconditions let If-Modified-Since overrule a matching If-None-Match, never use Date, read
        // non-HTTP-date forms, and refuse a whole list for one unquoted tag (origins send them; EntityTags compares them as bytes).
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTags.WeakMatch(ifNoneMatch.ToString(), result.Headers.First("ETag"));
        }

        var since = request.Headers.IfModifiedSince.ToString();
        var reference = result.Headers.First("Last-Modified") ?? (result.Stored is not null ? result.Headers.First("Date") : null);
        return since.Length > 0 && reference is not null
            && HttpDate.TryParse(since, DateTimeOffset.UtcNow, out var sinceDate)
            && HttpDate.TryParse(reference, DateTimeOffset.UtcNow, out var modified)
            && modified <= sinceDate;
    }

    /// <summary>
    /// RFC 9110 §13.1.5: with If-Range, the Range applies only if the validator matches: an entity-tag by strong comparison,
    /// a date exactly equal to Last-Modified; one that cannot be parsed matches nothing. Compared here because the framework's
    /// own If-Range check accepts any date not before Last-Modified, and any validator where the representation has none.
    /// </summary>
    private static bool RangeApplies(HttpRequest request, ShieldResult result)
    {
        if (request.Headers.IfRange.Count == 0)
        {
            return true;
        }

        var ifRange = request.GetTypedHeaders().IfRange;
        if (ifRange?.EntityTag is { } tag)
        {
            return EntityTagHeaderValue.TryParse(result.Headers.First(HeaderNames.ETag), out var current) && tag.Compare(current, useStrongComparison: true);
        }

        return ifRange?.LastModified is { } date && HeaderUtilities.TryParseDate(result.Headers.First(HeaderNames.LastModified), out var modified) && modified == date;
    }

    private static async Task WriteSliceAsync(HttpContext context, ShieldResult result, long start, long count)
    {
        var body = context.Response.Body;
        var aborted = context.RequestAborted;
        if (result.Stored is { } stored)
        {
            var end = (int)Math.Min(stored.Body.Length, start + count);
            await body.WriteAsync(stored.Body[(int)start..end], aborted);
            return;
        }

        var stream = result.Passed!.Body;
        var buffer = new byte[81920];
        for (var skipped = 0L; skipped < start;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, start - skipped)), aborted);
            if (n == 0)
            {
                return;
            }

            skipped += n;
        }

        for (var left = count; left > 0;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), aborted);
            if (n == 0)
            {
                return;
            }

            await body.WriteAsync(buffer.AsMemory(0, n), aborted);
            left -= n;
        }
    }
}
