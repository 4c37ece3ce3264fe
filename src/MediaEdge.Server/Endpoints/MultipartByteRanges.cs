using System.Text;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.Server.Endpoints;

/// <summary>RFC 9110 §14.6 multipart/byteranges, shared by the origin shield and every computed variant.</summary>
internal static class MultipartByteRanges
{
    /// <summary>Answers 206 with one part per range of <paramref name="body"/>, written by hand: the framework answers a single range only.</summary>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body, IReadOnlyList<(long Start, long End)> ranges, string contentType, long length)
    {
        var boundary = "mediaedge-" + Guid.NewGuid().ToString("N");
        var parts = ranges.Select(r => (Head: Encoding.Latin1.GetBytes($"--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: {new ContentRangeHeaderValue(r.Start, r.End, length)}\r\n\r\n"), r.Start, r.End)).ToList();
        var close = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.Headers.Remove(HeaderNames.ContentType);
        response.GetTypedHeaders().ContentType = new MediaTypeHeaderValue("multipart/byteranges") { Boundary = boundary };
        response.ContentLength = parts.Sum(p => p.Head.Length + (p.End - p.Start + 1) + 2) + close.Length;
        foreach (var (head, start, end) in parts)
        {
            await response.Body.WriteAsync(head, context.RequestAborted);
            await response.Body.WriteAsync(body[(int)start..(int)(end + 1)], context.RequestAborted);
            await response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
        }

        await response.Body.WriteAsync(close, context.RequestAborted);
    }
}
