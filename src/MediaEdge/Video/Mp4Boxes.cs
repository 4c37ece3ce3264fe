using System.Buffers.Binary;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>
/// Walks the top-level boxes of an MP4/MOV (ISO/IEC 14496-12, 4.2) by reading their 16-byte headers through the origin,
/// so a file cut short is refused (422) before ffmpeg makes a thumbnail from the part that is left.
/// </summary>
public static class Mp4Boxes
{
    private const int MaxBoxes = 64;

    public static async Task EnsureWholeAsync(IOrigin origin, string key, long length, CancellationToken cancellationToken)
    {
        long position = 0;
        for (var i = 0; i < MaxBoxes && position < length; i++)
        {
            var header = await origin.ReadRangeAsync(key, position, 16, cancellationToken).ConfigureAwait(false);
            if (header.Length < 8)
            {
                throw Truncated(position, length, "a box header");
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header.Span[..4]);
            var type = System.Text.Encoding.ASCII.GetString(header.Span.Slice(4, 4));
            if (size == 1)
            {
                if (header.Length < 16)
                {
                    throw Truncated(position, length, $"the '{type}' box header");
                }

                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.Span.Slice(8, 8));
            }
            else if (size == 0)
            {
                // The last box runs to the end of the file.
                return;
            }

            if (size < 8)
            {
                throw Problems.Undecodable($"The video's '{type}' box at byte {position} has an impossible size ({size}): the file is damaged.");
            }

            if (position + size > length)
            {
                throw Truncated(position, length, $"the '{type}' box ({size} bytes)");
            }

            position += size;
        }
    }

    private static ProblemException Truncated(long position, long length, string what) =>
        Problems.Undecodable($"The video is truncated: {what} at byte {position} runs past the end of the {length}-byte file. Upload the whole file again.");
}
