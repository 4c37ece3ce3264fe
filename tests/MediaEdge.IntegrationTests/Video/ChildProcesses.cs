using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// The direct children of this test process, read from /proc: the ffmpeg and ffprobe processes the service's runner
/// started (FFMpegCore starts them itself, without a shell) and any child left a zombie.
/// </summary>
public static class ChildProcesses
{
    public sealed record Child(int Pid, string Name, char State);

    private static readonly int Self = Environment.ProcessId;

    /// <summary>Every live or zombie child of this process now.</summary>
    public static IReadOnlyList<Child> Now()
    {
        var children = new List<Child>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Read(pid) is not { } stat)
            {
                continue;
            }

            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted from the last ')'.
            var close = stat.LastIndexOf(')');
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            if (open < 0 || close < open)
            {
                continue;
            }

            var rest = stat[(close + 2)..].Split(' ');
            if (rest.Length > 1 && int.TryParse(rest[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) && parent == Self)
            {
                children.Add(new Child(pid, stat[(open + 1)..close], rest[0][0]));
            }
        }

        return children;
    }

    /// <summary>ffmpeg and ffprobe children, running or not yet reaped.</summary>
    public static IReadOnlyList<Child> Ffmpeg() => Now().Where(c => c.Name is "ffmpeg" or "ffprobe").ToArray();

    public static IReadOnlyList<Child> Zombies() => Now().Where(c => c.State == 'Z').ToArray();

    /// <summary>
    /// Polls until no ffmpeg/ffprobe child and no zombie child is left, for at most <paramref name="limit"/>, and
    /// returns how long that took; fails the test, naming what is left, when the limit passes.
    /// </summary>
    public static async Task<TimeSpan> AssertNoneLeftAsync(TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = Ffmpeg().Concat(Zombies()).Distinct().ToArray();
            if (left.Length == 0)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"After {limit.TotalSeconds} s these children of the test process remain: " + string.Join(", ", left.Select(c => $"{c.Name} pid {c.Pid} state {c.State}")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls until an ffmpeg (not ffprobe) child runs; false if none appears within <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitForFfmpegAsync(TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            if (Ffmpeg().Any(c => c.Name == "ffmpeg" && c.State != 'Z'))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    private static string? Read(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
