using System.Globalization;

namespace MediaEdge.Load;

/// <summary>The command line: <c>--name value</c> pairs, each option documented with its default in one line.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        usage: MediaEdge.Load <scenario> --target http://127.0.0.1:PORT [options]
          scenarios: cold | mix | stampede | soak
          --target URL          the server, an IP loopback literal (127.0.0.1 or [::1]); required
          --concurrency N       workers sending at once; default 4 (stampede: 32)
          --requests N          measured requests at most, after the warm-up; default 200 (stampede: the concurrency)
          --duration S          time limit of the measured phase in seconds; default 120
          --warmup N            requests sent first and left out of the figures; default 8 (soak: one per variant, stampede: 0)
          --timeout S           one request's time limit in seconds; default 60
          --source NAME         the origin name in /img/{source}/...; default local
          --photos a,b,...      object keys in that source; default safe-landing-5k.jpg,colorful-cups.jpg,altai-portrait.png,wood.webp
          --format F            cold/stampede/soak output: jpg, webp, avif or auto (auto=format with Chrome's Accept); default jpg
          --offset N            first variant index (cold, stampede), to stay cold on a server that already served a run; default 0
          --pid PID             the server's process: its RSS is sampled during the run and its VmHWM read at the end
          --label TEXT          a name for this run, printed in the summary line (e.g. the engine)
          --max-p99-ms MS       fail when p99 latency is above it; default none
          --min-rps R           fail when throughput is below it; default none
          --max-error-rate F    fail when failed requests (exceptions and non-2xx/304) exceed this fraction; default 0
          --min-hit-ratio F     mix, soak: fail when fewer responses than this are cache hits; default 0.99 (soak), none (mix)
          --max-rss-growth-mib M  soak: fail when the server's RSS grows more than this after the warm-up; default 64
        """;

    private readonly Dictionary<string, string> _values;

    private LoadOptions(string scenario, Dictionary<string, string> values)
    {
        Scenario = scenario;
        _values = values;
    }

    public string Scenario { get; }

    /// <summary>Parses the arguments; null and a message when they are wrong.</summary>
    public static (LoadOptions? Options, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return (null, "name a scenario first");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return (null, $"expected '--name value' pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        return (new LoadOptions(args[0], values), null);
    }

    public string? Text(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Int(string name, int fallback) => Number(name, fallback, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback) => Number(name, fallback, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    public double? Double(string name) => Text(name) is { } s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback) =>
        Text(name) is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;

    /// <summary>Names given on the command line that nothing read: a typo should not silently run with defaults.</summary>
    public IEnumerable<string> Unread(IEnumerable<string> known) => _values.Keys.Except(known);

    private T Number<T>(string name, T fallback, Func<string, T> parse)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--{name} must be a number, got '{text}'.", e);
        }
    }
}
