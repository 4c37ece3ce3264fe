using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>Names the ffmpeg demuxer for a video from its first bytes, so ffmpeg is never left to guess (or to open a playlist).</summary>
public static class ContainerSniffer
{
    public static string Demuxer(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "mov";
        }

        if (head is [0x1A, 0x45, 0xDF, 0xA3, ..])
        {
            return "matroska";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("AVI "u8))
        {
            return "avi";
        }

        if (head is [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..])
        {
            return "ogg";
        }

        throw head.Length == 0
            ? Problems.UnsupportedMedia("The source is empty (0 bytes).")
            : Problems.UnsupportedMedia("The source is not a video MediaEdge can read: supported containers are MP4/MOV, WebM/Matroska, AVI and Ogg.");
    }
}
