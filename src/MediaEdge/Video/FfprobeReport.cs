using System.Globalization;
using System.Text.Json;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>
/// Reads ffprobe's JSON (<c>-show_format -show_streams</c>): the picture stream (the first video stream that is not an
/// attached cover picture), its size, rotation, rate, colour, and what the container says of its timeline.
/// </summary>
public static class FfprobeReport
{
    public static (VideoProbe Probe, VideoTimeline Timeline) Parse(string json, string demuxer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Problems.Undecodable("ffprobe could not read the video (it wrote no report).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToArray() : [];
            var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsCoverPicture(x));
            if (video.ValueKind != JsonValueKind.Object)
            {
                throw Problems.UnsupportedMedia("The source has no video stream (audio only?): there is no frame to take a thumbnail from.");
            }

            var width = Whole(video, "width");
            var height = Whole(video, "height");
            if (width is not > 0 || height is not > 0)
            {
                throw Problems.Undecodable("The video stream has no frame size: the file is damaged or truncated.");
            }

            var audio = streams.FirstOrDefault(x => Text(x, "codec_type") == "audio");
            var format = root.TryGetProperty("format", out var f) ? f : default;
            var fileStart = VideoTimeline.Seconds(Text(format, "start_time")) ?? 0;
            var fileDuration = VideoTimeline.Seconds(Text(format, "duration")) is { } fd && fd > 0 ? fd : (double?)null;
            var streamStart = VideoTimeline.Seconds(Text(video, "start_time")) ?? fileStart;
            double? storedEnd = null;
            if (VideoTimeline.Seconds(Text(video, "duration")) is { } duration && duration > 0)
            {
                storedEnd = streamStart + duration;
            }
            else if (VideoTimeline.TagSeconds(Tag(video, "DURATION")) is { } tagged && tagged > streamStart)
            {
                storedEnd = tagged;
            }

            var timeline = new VideoTimeline(fileStart, fileDuration, storedEnd);
            var rate = Rate(Text(video, "avg_frame_rate")) ?? Rate(Text(video, "r_frame_rate")) ?? 25;
            var colour = new VideoColour(
                Text(video, "pix_fmt") ?? "yuv420p",
                Text(video, "color_space") ?? "unknown",
                Text(video, "color_range") ?? "unknown",
                Text(video, "color_transfer") ?? "unknown",
                Text(video, "color_primaries") ?? "unknown",
                PeakNits(video));
            var probe = new VideoProbe(timeline.StoredDuration ?? 0, width.Value, height.Value, Rotation(video), Text(video, "codec_name") ?? "unknown", audio.ValueKind == JsonValueKind.Object ? Text(audio, "codec_name") : null, rate, demuxer)
            {
                StreamIndex = Whole(video, "index") ?? 0,
                FileStart = fileStart,
                Colour = colour,
                DurationSource = timeline.StoredEnd is null ? "unknown" : "container",
            };
            return (probe, timeline);
        }
    }

    private static bool IsCoverPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.ValueKind == JsonValueKind.Object && Whole(d, "attached_pic") == 1;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
            : null;

    private static int? Whole(JsonElement element, string name) =>
        int.TryParse(Text(element, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? Tag(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var tag in tags.EnumerateObject())
        {
            if (string.Equals(tag.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return tag.Value.GetString();
            }
        }

        return null;
    }

    /// <summary>A frame rate ("30000/1001"); "0/0" (unknown) and absurd rates are null.</summary>
    private static double? Rate(string? text) => Fraction(text) is { } rate and > 0.01 and < 1000 ? rate : null;

    /// <summary>ffprobe's rationals ("10000000/10000") as a number; null where not a positive one.</summary>
    private static double? Fraction(string? text)
    {
        var parts = text?.Split('/');
        return parts is [var n, var d]
            && double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var den)
            && num > 0 && den > 0
            ? num / den
            : null;
    }

    /// <summary>The display rotation: the display matrix's, else the legacy <c>rotate</c> tag.</summary>
    private static int Rotation(JsonElement stream)
    {
        foreach (var side in SideData(stream))
        {
            if (Whole(side, "rotation") is { } rotation)
            {
                return rotation;
            }
        }

        return int.TryParse(Tag(stream, "rotate"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tagged) ? tagged : 0;
    }

    /// <summary>The brightest the stream claims to reach, in cd/m²: its content light level, else its mastering display's peak; 0 where it says neither.</summary>
    private static double PeakNits(JsonElement stream)
    {
        double? content = null, mastering = null;
        foreach (var side in SideData(stream))
        {
            if (Whole(side, "max_content") is { } maxCll and > 0)
            {
                content = maxCll;
            }

            if (Fraction(Text(side, "max_luminance")) is { } maxLuminance)
            {
                mastering = maxLuminance;
            }
        }

        return content ?? mastering ?? 0;
    }

    private static IEnumerable<JsonElement> SideData(JsonElement stream) =>
        stream.TryGetProperty("side_data_list", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];
}
