using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>A 206 multipart/byteranges reply read part by part, as a client would, and Content-Range values read back.</summary>
public static class ByteRangeParts
{
    /// <summary>Each part's Content-Type, Content-Range and bytes, in the order sent.</summary>
    public static async Task<List<(string? ContentType, string? ContentRange, byte[] Bytes)>> ReadAsync(Reply reply)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(reply.Header("Content-Type")).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(reply.Body));
        var parts = new List<(string?, string?, byte[])>();
        for (var section = await reader.ReadNextSectionAsync(); section is not null; section = await reader.ReadNextSectionAsync())
        {
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            parts.Add((section.ContentType, section.Headers!["Content-Range"].ToString(), bytes.ToArray()));
            Assert.True(parts.Count <= 16, "more parts than ranges");
        }

        return parts;
    }

    /// <summary>The first and last byte of <c>bytes first-last/length</c>.</summary>
    public static (int Start, int End) Span(string contentRange)
    {
        var span = contentRange["bytes ".Length..contentRange.IndexOf('/', StringComparison.Ordinal)].Split('-');
        return (int.Parse(span[0], CultureInfo.InvariantCulture), int.Parse(span[1], CultureInfo.InvariantCulture));
    }
}
