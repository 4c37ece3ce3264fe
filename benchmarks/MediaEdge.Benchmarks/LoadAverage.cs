namespace MediaEdge.Benchmarks;

/// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, to say how busy the machine was during a run.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
