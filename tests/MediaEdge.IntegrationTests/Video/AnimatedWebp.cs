using System.Buffers.Binary;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// What an animated WebP holds, read from its RIFF chunks (ImageSharp 2 does not decode animated WebP): the VP8X
/// canvas size and animation flag, and the number of ANMF frames.
/// </summary>
public sealed record AnimatedWebp(bool Animated, int Width, int Height, int Frames)
{
    public static AnimatedWebp Read(byte[] webp)
    {
        bool animated = false;
        int width = 0, height = 0, frames = 0;
        for (var offset = 12; offset + 8 <= webp.Length;)
        {
            var fourCc = System.Text.Encoding.ASCII.GetString(webp, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(offset + 4));
            var data = webp.AsSpan(offset + 8, Math.Min(size, webp.Length - offset - 8));
            if (fourCc == "VP8X" && data.Length >= 10)
            {
                animated = (data[0] & 0x02) != 0;
                width = 1 + (data[4] | (data[5] << 8) | (data[6] << 16));
                height = 1 + (data[7] | (data[8] << 8) | (data[9] << 16));
            }
            else if (fourCc == "ANMF")
            {
                frames++;
            }

            offset += 8 + size + (size & 1);
        }

        return new AnimatedWebp(animated, width, height, frames);
    }
}
