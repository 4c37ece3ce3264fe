using System.Collections.Concurrent;
using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// ffmpeg run by the test itself, outside the service: the reference frames thumbnails are compared with, and remuxes.
/// The reference frames are decoded as a player shows them: with the YCbCr matrix the stream states, or, where it states
/// none, BT.709 for HD and BT.601 for SD (mpv's rule; ffmpeg alone would take BT.601 for every size).
/// </summary>
public static class FfmpegCli
{
    private static readonly ConcurrentDictionary<string, Task<string>> Matrices = new(StringComparer.Ordinal);

    /// <summary>The frame <c>ffmpeg -ss {seconds} -i {path} -frames:v 1 out.png</c> writes.</summary>
    public static async Task<Image<Rgba32>> FrameAtAsync(string path, double seconds) =>
        await PngAsync(["-ss", Seconds(seconds), "-i", path, "-frames:v", "1", "-vf", await PlayerScaleAsync(path, "iw:ih")]);

    /// <summary>The video's last frame: every frame of its last second is written to one file, and the last one stays.</summary>
    public static async Task<Image<Rgba32>> LastFrameAsync(string path) =>
        await PngAsync(["-sseof", "-1", "-i", path, "-update", "1", "-vf", await PlayerScaleAsync(path, "iw:ih")]);

    /// <summary>A scale filter to <paramref name="size"/> that decodes with the matrix a player would use for this file.</summary>
    public static async Task<string> PlayerScaleAsync(string path, string size) =>
        $"scale={size}:in_color_matrix={await Matrices.GetOrAdd(path, PlayerMatrixAsync)},format=rgb24";

    /// <summary>Every frame from <paramref name="start"/> for <paramref name="seconds"/>, in order, scaled by ffmpeg to 256 px wide.</summary>
    public static async Task<IReadOnlyList<Image<Rgba32>>> FramesAsync(string path, double start, double seconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mediaedge-frames-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await RunAsync("-ss", Seconds(start), "-t", Seconds(seconds), "-i", path, "-vf", await PlayerScaleAsync(path, "256:-2"), Path.Combine(folder, "%04d.png"));
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

    /// <summary>ffprobe's first video stream: its stated matrix in swscale's names, else one guessed from its size.</summary>
    private static async Task<string> PlayerMatrixAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,color_space", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var fields = (await process.StandardOutput.ReadToEndAsync()).Trim().Split(',');
        await process.WaitForExitAsync();
        var (width, height) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
        return fields.ElementAtOrDefault(2) switch
        {
            "bt709" => "bt709",
            "smpte170m" or "bt470bg" => "bt601",
            "bt2020nc" or "bt2020c" => "bt2020",
            _ => width >= 1280 || height > 576 ? "bt709" : "bt601",
        };
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
