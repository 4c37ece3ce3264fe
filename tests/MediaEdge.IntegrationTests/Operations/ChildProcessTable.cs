namespace MediaEdge.IntegrationTests.Operations;

/// <summary>The direct children of this test process, read from /proc/*/stat: ffmpeg and ffprobe are started by the service's runner without a shell.</summary>
public static class ChildProcessTable
{
    public sealed record Child(int Pid, string Name, char State)
    {
        public override string ToString() => $"{Name} pid {Pid} state {State}";
    }

    public static IReadOnlyList<Child> Now()
    {
        var self = Environment.ProcessId;
        var children = new List<Child>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so the fields after it are found from the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.Length)
            {
                continue;
            }

            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) && parent == self)
            {
                children.Add(new Child(pid, stat[(open + 1)..close], fields[0][0]));
            }
        }

        return children;
    }

    /// <summary>Children that are ffmpeg or ffprobe, running or not yet reaped, and children of any name left as zombies.</summary>
    public static IReadOnlyList<Child> FfmpegOrZombies() => Now().Where(c => c.Name is "ffmpeg" or "ffprobe" || c.State == 'Z').ToArray();

    public static bool FfmpegRunning() => Now().Any(c => c.Name == "ffmpeg" && c.State != 'Z');

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended between the listing and the read.
            return null;
        }
    }
}
