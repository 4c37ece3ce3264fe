using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// What <see cref="HttpTestOrigin"/> serves at one path: bytes and the headers a test chooses, changeable between requests.
/// It answers If-None-Match / If-Modified-Since with a 304 carrying its current headers, and counts what it was asked.
/// </summary>
public sealed class OriginResource
{
    private readonly ConcurrentQueue<string> _accepts = new();
    private int _gets;
    private int _heads;
    private int _conditional;
    private int _notModified;

    public byte[] Body { get; set; } = [];

    public string ContentType { get; set; } = "application/octet-stream";

    /// <summary>Sent as written (quoted); null sends none.</summary>
    public string? ETag { get; set; }

    public DateTimeOffset? LastModified { get; set; }

    public string? CacheControl { get; set; }

    /// <summary>Other response headers (Vary, Expires, Age…), on 200 and 304 alike.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where set, every request is answered with this status and no body (a failing origin).</summary>
    public int? FailWith { get; set; }

    /// <summary>Where set, every request is answered 302 to this URL.</summary>
    public string? RedirectTo { get; set; }

    /// <summary>Where set, picks the body per request (a representation that varies).</summary>
    public Func<HttpRequest, byte[]>? BodyFor { get; set; }

    /// <summary>Sends the body without Content-Length (chunked), so its length is unknown until the end.</summary>
    public bool Chunked { get; set; }

    public int Requests => Gets + Heads;

    public int Gets => Volatile.Read(ref _gets);

    public int Heads => Volatile.Read(ref _heads);

    /// <summary>Requests that carried If-None-Match or If-Modified-Since.</summary>
    public int Conditional => Volatile.Read(ref _conditional);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>The Accept header of each request, in order ("" where absent).</summary>
    public IReadOnlyCollection<string> Accepts => _accepts;

    internal async Task ServeAsync(HttpContext context, TimeProvider? clock)
    {
        var request = context.Request;
        var response = context.Response;
        var head = HttpMethods.IsHead(request.Method);
        if (head)
        {
            Interlocked.Increment(ref _heads);
        }
        else
        {
            Interlocked.Increment(ref _gets);
        }

        if (request.Headers.ContainsKey("If-None-Match") || request.Headers.ContainsKey("If-Modified-Since"))
        {
            Interlocked.Increment(ref _conditional);
        }

        _accepts.Enqueue(request.Headers.Accept.ToString());
        if (clock is not null)
        {
            response.Headers.Date = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        }

        if (FailWith is { } status)
        {
            response.StatusCode = status;
            return;
        }

        if (RedirectTo is { } location)
        {
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = location;
            return;
        }

        if (ETag is { } etag)
        {
            response.Headers.ETag = etag;
        }

        if (LastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        if (CacheControl is { } cacheControl)
        {
            response.Headers.CacheControl = cacheControl;
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (IsNotModified(request))
        {
            Interlocked.Increment(ref _notModified);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var body = BodyFor?.Invoke(request) ?? Body;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (!Chunked)
        {
            response.ContentLength = body.Length;
        }

        if (head)
        {
            return;
        }

        // Several writes with flushes, so a chunked body really arrives in pieces.
        for (var offset = 0; offset < body.Length; offset += 16 * 1024)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(16 * 1024, body.Length - offset)), context.RequestAborted);
            if (Chunked)
            {
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    private bool IsNotModified(HttpRequest request)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ETag is { } etag && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == "*" || t == etag || t == "W/" + etag);
        }

        return LastModified is { } modified
            && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
