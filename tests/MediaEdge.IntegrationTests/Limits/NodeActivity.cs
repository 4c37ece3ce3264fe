using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// What the node (this test process and the processes it started: imaging workers, ffmpeg) is doing, read from /proc:
/// CPU time, and the busiest thread over a window. The tests that use it run alone (the whole-process
/// collection), so the node's CPU is the service's.
/// </summary>
internal static class NodeActivity
{
    /// <summary>A one-second window in which the node's threads used at most this much CPU, and none more than half of it, counts as idle.</summary>
    public static readonly TimeSpan IdleCpu = TimeSpan.FromMilliseconds(150);

    private static readonly double TickMilliseconds = 1000.0 / 100;

    /// <summary>CPU time of this process, its reaped children and its live children, in milliseconds.</summary>
    public static double CpuMilliseconds()
    {
        var self = Read("/proc/self/stat") ?? throw new InvalidOperationException("/proc/self/stat is unreadable.");
        var total = (Field(self, 11) + Field(self, 12) + Field(self, 13) + Field(self, 14)) * TickMilliseconds;
        foreach (var (_, stat) in Children())
        {
            total += (Field(stat, 11) + Field(stat, 12)) * TickMilliseconds;
        }

        return total;
    }

    /// <summary>
    /// The CPU the node's threads used over <paramref name="window"/> (each thread of this process and of its children),
    /// and the busiest of them. The runtime's own compiler and GC threads are left out: they settle by themselves after a
    /// burst of new code, and no transform runs on them.
    /// </summary>
    public static async Task<Window> MeasureAsync(TimeSpan window)
    {
        var before = Threads();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = Threads()
            .Where(t => !IsRuntimeHousekeeping(t.Value.Name))
            .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (before.TryGetValue(t.Key, out var b) ? b.Ticks : 0)))
            .ToList();
        var busiest = used.OrderByDescending(u => u.Ticks).FirstOrDefault();
        return new Window(elapsed, TimeSpan.FromMilliseconds(used.Sum(u => u.Ticks) * TickMilliseconds), TimeSpan.FromMilliseconds(busiest.Ticks * TickMilliseconds), busiest.Name ?? "-");
    }

    /// <summary>
    /// Measures one-second windows until one is idle, for at most <paramref name="limit"/>; returns how long that took and
    /// the windows seen, or fails naming the busiest thread or child.
    /// </summary>
    public static async Task<(TimeSpan After, IReadOnlyList<Window> Windows)> AssertIdleWithinAsync(TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        var windows = new List<Window>();
        while (true)
        {
            var window = await MeasureAsync(TimeSpan.FromSeconds(1));
            windows.Add(window);
            if (window.Idle)
            {
                return (Stopwatch.GetElapsedTime(started), windows);
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"The node was still busy {limit.TotalSeconds:0} s after the burst: {string.Join("; ", windows)}");
            }
        }
    }

    /// <summary>Every thread of this process and of its live children, by pid/tid, with its CPU ticks and a name.</summary>
    private static Dictionary<string, (long Ticks, string Name)> Threads()
    {
        var threads = new Dictionary<string, (long, string)>();
        void Add(int pid, string label)
        {
            IEnumerable<string> tasks;
            try
            {
                tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
            }
            catch (IOException)
            {
                return;
            }

            foreach (var task in tasks)
            {
                if (Read(Path.Combine(task, "stat")) is { } stat)
                {
                    threads[$"{pid}/{Path.GetFileName(task)}"] = (Field(stat, 11) + Field(stat, 12), $"{label} thread '{Name(stat)}'");
                }
            }
        }

        Add(Environment.ProcessId, "node");
        foreach (var (pid, stat) in Children())
        {
            Add(pid, $"child {pid} ({Name(stat)})");
        }

        return threads;
    }

    /// <summary>The runtime's tiered compiler and garbage collector threads (names as Linux truncates them to 15 characters).</summary>
    private static bool IsRuntimeHousekeeping(string name) =>
        name.Contains("'.NET Tiered Com", StringComparison.Ordinal) || name.Contains("'.NET BGC", StringComparison.Ordinal) || name.Contains("'.NET Server GC", StringComparison.Ordinal);

    private static IEnumerable<(int Pid, string Stat)> Children()
    {
        var self = Environment.ProcessId;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != self
                && Read(Path.Combine(folder, "stat")) is { } stat && Field(stat, 1) == self)
            {
                yield return (pid, stat);
            }
        }
    }

    private static string Name(string stat) => stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];

    /// <summary>Field n after the command name (0 is the state, 1 the parent, 11 utime, 12 stime, 13 cutime, 14 cstime).</summary>
    private static long Field(string stat, int n) =>
        long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[n], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One measured window.</summary>
    public sealed record Window(TimeSpan Length, TimeSpan Cpu, TimeSpan Busiest, string BusiestName)
    {
        public bool Idle => Cpu <= IdleCpu && Busiest <= IdleCpu / 2;

        public override string ToString() =>
            $"{Cpu.TotalMilliseconds:0} ms CPU in {Length.TotalMilliseconds:0} ms, busiest {BusiestName} {Busiest.TotalMilliseconds:0} ms";
    }
}
