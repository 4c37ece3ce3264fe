using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>Judges a reply against what its request expected: null where it is right, else what is wrong.</summary>
public static class ReplyOracle
{
    public static async Task<string?> CheckAsync(FuzzRequest request, Reply reply)
    {
        var status = (int)reply.Status;
        if (status >= 500)
        {
            return $"server failure {status}: {Text(reply)}";
        }

        if (Magic.Contains(reply.Body, "root:x:0:0"))
        {
            return "the body holds /etc/passwd";
        }

        try
        {
            switch (request.Expect)
            {
                case Expectation.Image:
                    return Image(request, reply);
                case Expectation.BadParameter:
                    return BadParameter(request, reply);
                case Expectation.Problem:
                    return Problem(request, reply);
                case Expectation.Original:
                    return await OriginalAsync(request, reply);
                case Expectation.ImageOrProblem:
                    return status == 200 ? Image(request, reply) : Problem(request, reply);
                case Expectation.Refused:
                    if (status is < 400 or >= 500 || (request.Statuses is { } allowed && !allowed.Contains(status)))
                    {
                        return $"expected a refusal ({Allowed(request)}), got {reply}";
                    }

                    return reply.ContentType == "application/problem+json" ? Problem(request, reply) : null;
                default:
                    throw new ArgumentOutOfRangeException(nameof(request));
            }
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or JsonException or InvalidDataException or FormatException or KeyNotFoundException)
        {
            return $"{reply}: {e.Message}";
        }
    }

    private static string? Image(FuzzRequest request, Reply reply)
    {
        if (reply.Status != HttpStatusCode.OK)
        {
            return $"expected 200 with an image, got {reply}: {Text(reply)}";
        }

        if (reply.Header("X-Content-Type-Options") != "nosniff" || reply.Header("ETag") is null || !(reply.Header("Cache-Control") ?? "").StartsWith("public", StringComparison.Ordinal))
        {
            return $"an image without nosniff, ETag or a public Cache-Control: {string.Join("; ", reply.Headers.Select(h => h.Key + ": " + h.Value))}";
        }

        var type = reply.ContentType;
        if (request.ContentType is { } wanted && type != wanted)
        {
            return $"fm asked for {wanted}, got {type}";
        }

        if (request.Method == "HEAD")
        {
            return reply.Body.Length == 0 && type is "image/jpeg" or "image/png" or "image/webp" or "image/gif" or "image/avif" or "application/json" ? null : $"HEAD: {reply}";
        }

        var body = reply.Body;
        var matches = type switch
        {
            "image/jpeg" => Magic.IsJpeg(body),
            "image/png" => Magic.IsPng(body),
            "image/webp" => Magic.IsWebp(body),
            "image/gif" => Magic.IsGif(body),
            "image/avif" => body.Length > 12 && Magic.Contains(body.AsSpan(0, 12), "ftyp"),
            "application/json" => JsonDocument.Parse(body).RootElement.ValueKind == JsonValueKind.Object,
            _ => false,
        };
        if (!matches)
        {
            return $"the body is not the {type} it is labelled";
        }

        if (request.Size is { } size && type != "application/json")
        {
            var actual = Pixels.Size(body);
            if (actual != size)
            {
                return $"expected {size.Width}x{size.Height}, got {actual.Width}x{actual.Height}";
            }
        }

        if (request.FitsWithin is { } limit && type != "application/json")
        {
            var actual = Pixels.Size(body);
            if ((long)actual.Width * actual.Height > limit.Pixels || actual.Width >= limit.Width || Math.Abs(actual.Height - (actual.Width * 0.75)) > 1)
            {
                return $"expected a 4:3 output of at most {limit.Pixels} pixels, narrower than {limit.Width}, got {actual.Width}x{actual.Height}";
            }
        }

        return null;
    }

    private static string? BadParameter(FuzzRequest request, Reply reply)
    {
        if (reply.Status != HttpStatusCode.BadRequest)
        {
            return $"expected 400 naming '{request.Parameter}', got {reply}: {Text(reply)}";
        }

        if (request.Method == "HEAD")
        {
            return ProblemHead(reply);
        }

        var parameter = reply.Problem().GetProperty("parameter").GetString();
        return parameter == request.Parameter ? null : $"expected the problem to name '{request.Parameter}', it names '{parameter}': {Text(reply)}";
    }

    private static string? Problem(FuzzRequest request, Reply reply)
    {
        var status = (int)reply.Status;
        if (status is < 400 or >= 500 || (request.Statuses is { } allowed && !allowed.Contains(status)))
        {
            return $"expected a problem ({Allowed(request)}), got {reply}: {Text(reply)}";
        }

        if (request.Method == "HEAD")
        {
            return ProblemHead(reply);
        }

        var problem = reply.Problem();
        if (!(problem.GetProperty("type").GetString() ?? "").StartsWith("urn:mediaedge:problem:", StringComparison.Ordinal))
        {
            return "a problem without a MediaEdge type: " + Text(reply);
        }

        return reply.Header("X-Content-Type-Options") == "nosniff" ? null : "a problem without nosniff";
    }

    private static string? ProblemHead(Reply reply) =>
        reply.ContentType == "application/problem+json" && reply.Header("Cache-Control") == "no-store" && reply.Body.Length == 0 ? null : $"HEAD problem: {reply}, Cache-Control {reply.Header("Cache-Control")}";

    /// <summary>Whole, one range, several as multipart/byteranges, or 416: each checked byte for byte against the original.</summary>
    private static async Task<string?> OriginalAsync(FuzzRequest request, Reply reply)
    {
        var original = FuzzMedia.Original;
        var ranges = request.Method == "HEAD" ? null : request.Ranges;
        var status = (int)reply.Status;
        if (ranges is null)
        {
            if (status != 200 || reply.ContentLength != original.Length)
            {
                return $"expected the whole original, got {reply}";
            }

            return request.Method == "HEAD" ? (reply.Body.Length == 0 ? null : "HEAD with a body") : reply.Body.AsSpan().SequenceEqual(original) ? null : "the whole original differs";
        }

        if (ranges.Count == 0)
        {
            return status == 416 && reply.Header("Content-Range") == $"bytes */{original.Length}" ? null : $"expected 416, got {reply} Content-Range {reply.Header("Content-Range")}";
        }

        if (status != 206)
        {
            return $"expected 206 with {Describe(ranges)}, got {reply}";
        }

        if (ranges.Count == 1)
        {
            var (start, end) = ranges[0];
            if (reply.Header("Content-Range") != $"bytes {start}-{end}/{original.Length}")
            {
                return $"expected Content-Range bytes {start}-{end}, got {reply.Header("Content-Range")}";
            }

            return reply.Body.AsSpan().SequenceEqual(original.AsSpan((int)start, (int)(end - start + 1))) ? null : "the range's bytes differ";
        }

        if (reply.ContentType != "multipart/byteranges" || reply.ContentLength != reply.Body.Length)
        {
            return $"expected multipart/byteranges of {reply.Body.Length} bytes, got {reply} Content-Length {reply.ContentLength}";
        }

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(reply.Header("Content-Type")).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(reply.Body));
        var parts = new List<(long Start, long End)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var contentRange = section.Headers!["Content-Range"].ToString();
            var span = contentRange["bytes ".Length..contentRange.IndexOf('/', StringComparison.Ordinal)].Split('-');
            var (start, end) = (long.Parse(span[0], CultureInfo.InvariantCulture), long.Parse(span[1], CultureInfo.InvariantCulture));
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            if (!bytes.ToArray().AsSpan().SequenceEqual(original.AsSpan((int)start, (int)(end - start + 1))))
            {
                return $"the part {contentRange} differs from the original";
            }

            parts.Add((start, end));
        }

        return parts.Order().SequenceEqual(ranges) ? null : $"expected parts {Describe(ranges)}, got {Describe(parts)}";
    }

    private static string Describe(IEnumerable<(long Start, long End)> ranges) => string.Join(",", ranges.Select(r => $"{r.Start}-{r.End}"));

    private static string Allowed(FuzzRequest request) => request.Statuses is { } s ? string.Join("/", s) : "4xx";

    private static string Text(Reply reply) =>
        reply.ContentType is "application/problem+json" or "text/plain" ? System.Text.Encoding.UTF8.GetString(reply.Body.AsSpan(0, Math.Min(reply.Body.Length, 400))) : "";
}
