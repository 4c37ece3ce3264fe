using System.Diagnostics;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>ffmpeg run by the test itself, outside the service: the reference frames thumbnails are compared with, and remuxes.</summary>
public static class FfmpegCli
{
    /// <summary>The frame <c>ffmpeg -ss {seconds} -i {path} -frames:v 1 out.png</c> writes.</summary>
    public static Task<Image<Rgba32>> FrameAtAsync(string path, double seconds) =>
        PngAsync(["-ss", Seconds(seconds), "-i", path, "-frames:v", "1"]);

    /// <summary>The video's last frame: every frame of its last second is written to one file, and the last one stays.</summary>
    public static Task<Image<Rgba32>> LastFrameAsync(string path) => PngAsync(["-sseof", "-1", "-i", path, "-update", "1"]);

    /// <summary>Every frame from <paramref name="start"/> for <paramref name="seconds"/>, in order, scaled by ffmpeg to 256 px wide.</summary>
    public static async Task<IReadOnlyList<Image<Rgba32>>> FramesAsync(string path, double start, double seconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mediaedge-frames-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await RunAsync("-ss", Seconds(start), "-t", Seconds(seconds), "-i", path, "-vf", "scale=256:-2", Path.Combine(folder, "%04d.png"));
            return Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(Image.Load<Rgba32>).ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs ffmpeg to completion; fails with its error output where it exits non-zero.</summary>
    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("ffmpeg " + string.Join(' ', arguments) + " took over 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<Image<Rgba32>> PngAsync(string[] arguments)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mediaedge-frame-{Guid.NewGuid():N}.png");
        try
        {
            await RunAsync([.. arguments, output]);
            return Image.Load<Rgba32>(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
