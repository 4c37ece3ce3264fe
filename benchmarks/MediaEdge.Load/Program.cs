using System.Globalization;
using MediaEdge.Load;
using MediaEdge.Load.Scenarios;

// MediaEdge.Load: a small load generator for a MediaEdge server on this machine. Exit 0 when every check passed,
// 1 when a threshold was missed, 2 for a wrong command line.
var (options, error) = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

string[] known =
[
    "target", "concurrency", "requests", "duration", "warmup", "timeout", "source", "photos", "format", "offset", "pid", "label",
    "max-p99-ms", "min-rps", "max-error-rate", "min-hit-ratio", "max-rss-growth-mib",
];

Uri target;
IScenario scenario;
int concurrency, requests, warmup;
TimeSpan duration, timeout;
try
{
    if (options.Unread(known).ToList() is { Count: > 0 } unknown)
    {
        throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    target = LoopbackTarget.Parse(options.Text("target"));
    var source = options.Text("source", "local");
    var photos = options.List("photos", ImageUrl.DefaultPhotos);
    var format = options.Text("format", "jpg");
    var offset = options.Int("offset", 0);
    scenario = options.Scenario switch
    {
        "cold" => new ColdScenario(source, photos, format, offset),
        "mix" => new MixScenario(source, photos, options.Double("min-hit-ratio")),
        "stampede" => new StampedeScenario(source, photos[0], format, offset),
        "soak" => new SoakScenario(source, photos, format, options.Double("min-hit-ratio", 0.99), options.Double("max-rss-growth-mib", 64)),
        _ => throw new ArgumentException($"unknown scenario '{options.Scenario}'"),
    };
    concurrency = options.Int("concurrency", scenario.DefaultConcurrency);
    requests = options.Int("requests", scenario.DefaultRequests(concurrency));
    warmup = options.Int("warmup", scenario.DefaultWarmup);
    duration = TimeSpan.FromSeconds(options.Double("duration", 120));
    timeout = TimeSpan.FromSeconds(options.Double("timeout", 60));
    if (concurrency < 1 || requests < 1 || warmup < 0 || duration <= TimeSpan.Zero || timeout <= TimeSpan.Zero)
    {
        throw new ArgumentException("--concurrency and --requests must be at least 1, --warmup at least 0, --duration and --timeout positive");
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"scenario {scenario.Name}: {scenario.Description}");
Console.WriteLine(string.Create(inv, $"target {target}  concurrency {concurrency}  requests {requests} after {warmup} warm-up  time limit {duration.TotalSeconds:F0} s  request timeout {timeout.TotalSeconds:F0} s"));

// The hard stop: the time limit, plus one request timeout for those still running, plus the warm-up's own allowance.
using var stop = new CancellationTokenSource(duration + timeout + (warmup > 0 ? timeout * 2 : TimeSpan.Zero) + TimeSpan.FromSeconds(10));
using var client = LoopbackTarget.CreateClient(concurrency, timeout);
var runner = new LoadRunner(client, target, scenario, concurrency);

await runner.WarmUpAsync(warmup, stop.Token);
var pid = options.Int("pid", 0);
var memory = pid > 0 ? ServerMemory.Start(pid) : null;
if (pid > 0 && memory is null)
{
    Console.WriteLine($"warning: cannot read /proc/{pid}/status; no RSS figures");
}

var (samples, elapsed, stoppedByTime) = await runner.RunAsync(warmup, requests, duration, stop.Token);
MemoryReport? memoryReport = null;
if (memory is not null)
{
    memoryReport = await memory.StopAsync();
    await memory.DisposeAsync();
}

var report = new LoadReport(samples, elapsed, stoppedByTime, memoryReport);
var checks = new List<Check> { Check.AtMost("error rate", report.ErrorRate, options.Double("max-error-rate", 0)) };
if (options.Double("max-p99-ms") is { } maxP99)
{
    checks.Add(Check.AtMost("p99 latency ms", report.Latency(99), maxP99, "0.0"));
}

if (options.Double("min-rps") is { } minRps)
{
    checks.Add(Check.AtLeast("requests per second", report.Throughput, minRps, "0.00"));
}

checks.AddRange(scenario.Checks(report));
checks.Add(new Check("at least one request completed", samples.Count > 0, samples.Count.ToString(inv)));
var passed = checks.All(c => c.Passed);
Console.Write(report.Render(checks));
Console.WriteLine(report.Summary(scenario.Name, options.Text("label"), concurrency, passed));
return passed ? 0 : 1;
