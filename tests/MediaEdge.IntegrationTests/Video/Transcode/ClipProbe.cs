using System.Diagnostics;
using System.Text.Json;

namespace MediaEdge.IntegrationTests.Video.Transcode;

/// <summary>What ffprobe reads in a clip's bytes: its streams' codecs, the picture's size, rate, rotation and colour tags, the length, and the file's metadata tags.</summary>
public sealed record ClipProbe(string? VideoCodec, int Width, int Height, double FrameRate, int? Rotation, string? AudioCodec, double DurationSeconds, string PixelFormat, string? ColourSpace, string? ColourTransfer)
{
    /// <summary>The container's tags (title, location, …), names in lower case.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The video stream's frame count where the container stores it (MP4 does; WebM does not).</summary>
    public int? FrameCount { get; init; }

    /// <summary>Runs ffprobe on <paramref name="bytes"/> (written to a temporary file, since an MP4 index is read by seeking).</summary>
    public static async Task<ClipProbe> ReadAsync(byte[] bytes)
    {
        var json = await FfprobeAsync(bytes, "-show_format", "-show_streams", "-print_format", "json");
        using var report = JsonDocument.Parse(json);
        var streams = report.RootElement.GetProperty("streams").EnumerateArray().ToArray();
        var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
        var hasVideo = video.ValueKind == JsonValueKind.Object;
        int? rotation = hasVideo && video.TryGetProperty("side_data_list", out var sides)
            ? sides.EnumerateArray().Where(s => s.TryGetProperty("rotation", out _)).Select(s => (int?)s.GetProperty("rotation").GetInt32()).FirstOrDefault()
            : null;
        var rate = hasVideo ? video.GetProperty("avg_frame_rate").GetString()!.Split('/') : ["0", "1"];
        return new ClipProbe(
            hasVideo ? video.GetProperty("codec_name").GetString() : null,
            hasVideo ? video.GetProperty("width").GetInt32() : 0,
            hasVideo ? video.GetProperty("height").GetInt32() : 0,
            double.Parse(rate[1], CultureInfo.InvariantCulture) == 0 ? 0 : double.Parse(rate[0], CultureInfo.InvariantCulture) / double.Parse(rate[1], CultureInfo.InvariantCulture),
            rotation,
            audio.ValueKind == JsonValueKind.Object ? audio.GetProperty("codec_name").GetString() : null,
            double.Parse(report.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            hasVideo ? video.GetProperty("pix_fmt").GetString()! : "",
            hasVideo && video.TryGetProperty("color_space", out var space) ? space.GetString() : null,
            hasVideo && video.TryGetProperty("color_transfer", out var transfer) ? transfer.GetString() : null)
        {
            Tags = report.RootElement.GetProperty("format").TryGetProperty("tags", out var tags)
                ? tags.EnumerateObject().ToDictionary(t => t.Name.ToLowerInvariant(), t => t.Value.ToString())
                : new Dictionary<string, string>(),
            FrameCount = hasVideo && video.TryGetProperty("nb_frames", out var frames) ? int.Parse(frames.GetString()!, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>ffprobe's standard output for <paramref name="bytes"/>, written to a temporary file first.</summary>
    public static async Task<string> FfprobeAsync(byte[] bytes, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mediaedge-clip-test-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error" }.Concat(arguments).Append(file))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
