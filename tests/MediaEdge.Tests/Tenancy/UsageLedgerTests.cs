using System.Diagnostics.Metrics;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Tenancy.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Tenancy;

/// <summary>
/// The usage records add up to what was metered, per source and hour, for generated traffic: random responses, renders,
/// ffmpeg runs and origin reads of several sources (and of a name that is no configured source) over several hours.
/// </summary>
public sealed class UsageLedgerTests : IDisposable
{
    private static readonly string[] Sources = ["a", "b", "c"];
    private static readonly Dictionary<string, UsageField?> Tiers = new()
    {
        ["hit-l1"] = UsageField.HitL1,
        ["hit-disk"] = UsageField.HitDisk,
        ["hit-l2"] = UsageField.HitL2,
        ["miss"] = UsageField.Miss,
        ["stale"] = UsageField.Stale,
        ["none"] = null,
    };
    private static readonly int[] Statuses = [200, 200, 200, 304, 404, 429, 503];
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeneratedTraffic_OverSeveralHours_IsInTheRecordsOfItsSourceAndHour(int seed)
    {
        var start = new DateTimeOffset(2026, 11, 30, 9, 40, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var ledger = new UsageLedger(new NoSharedTier(), useShared: false, new UsageOptions(), time);
        var sut = new UsageMeter(new MediaEdgeMetrics(_services.GetRequiredService<IMeterFactory>()), ledger, Sources);
        var expected = new Dictionary<(string Source, DateTimeOffset Hour), long[]>();
        var random = new Random(seed);

        for (var i = 0; i < 3000; i++)
        {
            time.Advance(TimeSpan.FromSeconds(random.Next(0, 10)));
            var source = random.Next(20) == 0 ? "unconfigured" : Sources[random.Next(Sources.Length)];
            var now = time.GetUtcNow();
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
            var counters = source == "unconfigured" ? new long[Enum.GetValues<UsageField>().Length] : Expected(expected, source, hour);
            switch (random.Next(4))
            {
                case 0:
                    var status = Statuses[random.Next(Statuses.Length)];
                    var (tier, tierField) = Tiers.ElementAt(random.Next(Tiers.Count));
                    var bytes = random.Next(0, 100_000);
                    sut.Responded(source, status, tier, bytes);
                    counters[(int)UsageField.Requests]++;
                    counters[(int)UsageField.BytesOut] += bytes;
                    if (tierField is { } field)
                    {
                        counters[(int)field]++;
                    }

                    counters[(int)UsageField.ClientErrors] += status is >= 400 and < 500 ? 1 : 0;
                    counters[(int)UsageField.ServerErrors] += status >= 500 ? 1 : 0;
                    break;
                case 1:
                    var ms = random.Next(1, 2_000_000) / 1000.0;
                    sut.Computed(source, ms);
                    counters[(int)UsageField.Variants]++;
                    counters[(int)UsageField.TransformMicroseconds] += (long)Math.Round(ms * 1000);
                    break;
                case 2:
                    var seconds = random.Next(1, 5_000_000) / 1_000_000.0;
                    sut.FfmpegRan(source, seconds);
                    counters[(int)UsageField.FfmpegMicroseconds] += (long)Math.Round(seconds * 1_000_000);
                    break;
                default:
                    var read = random.Next(1, 10_000_000);
                    sut.OriginRead(source, read);
                    sut.Saved(source, read / 2);
                    counters[(int)UsageField.OriginBytes] += read;
                    counters[(int)UsageField.BytesSaved] += read / 2;
                    break;
            }
        }

        var records = await ledger.ReadAsync(start.AddHours(-1), time.GetUtcNow().AddHours(1), [.. Sources, "unconfigured"]);

        Assert.True(records.Select(r => r.Hour).Distinct().Count() >= 3, "the traffic should span several hours");
        Assert.DoesNotContain(records, r => r.Source == "unconfigured");
        Assert.Equal(expected.Keys.Order().ToList(), records.Select(r => (r.Source, r.Hour)).Order().ToList());
        foreach (var record in records)
        {
            Assert.Equal(expected[(record.Source, record.Hour)], record.Counters);
        }
    }

    public void Dispose() => _services.Dispose();

    private static long[] Expected(Dictionary<(string, DateTimeOffset), long[]> expected, string source, DateTimeOffset hour)
    {
        if (!expected.TryGetValue((source, hour), out var counters))
        {
            counters = new long[Enum.GetValues<UsageField>().Length];
            expected[(source, hour)] = counters;
        }

        return counters;
    }
}
