using System.Collections.Concurrent;
using System.Text;
using MediaEdge.IntegrationTests.Fuzz;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// A bounded, seeded fuzz run of header values on /o/: client request headers (conditionals, Range, Cache-Control,
/// Accept…) written raw, control bytes and obs-text included, and origin response headers (ETag, Cache-Control,
/// Expires, Age, Vary, Date…) scripted per request, while the fake clock jumps. No answer may be a 5xx but the 502s and
/// 504s the run provokes itself (a dropped connection, a silent origin), and the node must serve normally afterwards.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class HeaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 9111;
    private const int Requests = 3000;
    private const int OriginTimeoutSeconds = 2;

    private static readonly string[] RequestFields =
        ["If-None-Match", "If-Modified-Since", "Range", "If-Range", "Cache-Control", "Pragma", "Accept", "Accept-Encoding", "Accept-Language", "Authorization", "X-A"];

    private static readonly string[] ResponseFields =
        ["ETag", "Cache-Control", "Expires", "Age", "Vary", "Date", "Last-Modified", "Content-Type", "CDN-Cache-Control"];

    [Fact]
    public async Task FuzzedHeaderValues_BothWays_NeverGetA5xx_AndTheNodeServesNormallyAfterwards()
    {
        var origin = new ConcurrentDictionary<int, (string Target, string Reply)>();
        await using var sut = await ScriptedShield.StartAsync(request => Respond(request, origin), [
            new("MediaEdge:Cache:StaleWhileRevalidateSeconds", "30"),
            new("MediaEdge:Cache:StaleIfErrorSeconds", "600"),
            new("MediaEdge:Sources:web:TimeoutSeconds", OriginTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
        ]);
        var values = new FuzzedFieldValues(Seed);
        var random = values.Random;
        var edge = sut.Edge.Client.BaseAddress!;
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < Requests; i++)
        {
            if (random.Next(10) == 0)
            {
                sut.Clock.Advance(TimeSpan.FromSeconds(random.Next(0, 120)));
            }

            var provoked = i % 500 == 250 ? 502 : i % 1000 == 999 ? 504 : (int?)null;
            var key = provoked switch
            {
                502 => $"down-{i}",
                504 => $"slow-{i}",
                _ => $"f{random.Next(30)}" + (random.Next(4) == 0 ? $"?q={random.Next(3)}" : ""),
            };
            var method = provoked is null ? values.Pick(["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "HEAD", "POST", "OPTIONS"]) : "GET";
            var headers = provoked is null
                ? Enumerable.Range(0, random.Next(0, 5)).Select(_ => values.Pick(RequestFields)).Distinct().Select(name => (name, values.Next(name, controlBytes: random.Next(8) == 0))).ToList()
                : [];
            var body = method == "POST" ? "fuzz body" : null;

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var sending = RawHttpExchange.SendAsync(edge, method, "/o/web/" + key, headers, body, deadline.Token);
            if (provoked == 504)
            {
                // The origin timeout may be measured on the fake clock: move it on while the silent origin is awaited.
                while (await Task.WhenAny(sending, Task.Delay(200)) != sending)
                {
                    sut.Clock.Advance(TimeSpan.FromSeconds(1));
                }
            }

            int? status;
            try
            {
                status = await sending;
            }
            catch (OperationCanceledException)
            {
                status = null;
            }

            var code = status ?? 0;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            var onlyIfCached = headers.Any(h => h.name == "Cache-Control" && h.Item2.Contains("only-if-cached", StringComparison.OrdinalIgnoreCase));
            var fine = provoked is { } expected
                ? status == expected
                : status is >= 100 and < 500 || (status == 504 && onlyIfCached);
            if (!fine)
            {
                var replies = origin.Where(o => o.Value.Target == "/" + key).OrderByDescending(o => o.Key).Take(3).Select(o => $"\n      origin #{o.Key}: {o.Value.Reply}");
                failures.Add($"#{i} {method} /o/web/{key} [{string.Join("; ", headers.Select(h => $"{h.name}: {Escape(h.Item2)}"))}] -> {(status is null ? "no answer" : status.ToString())}"
                    + (provoked is null ? "" : $" (expected the provoked {provoked})") + string.Concat(replies));
            }
        }

        output.WriteLine($"seed {Seed}, {Requests} requests, statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"origin requests: {sut.Origin.Count}; header lines Kestrel refused to send: {sut.Origin.RefusedHeaders.Count}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} answers were wrong (the latest origin replies for the key below each):\n{string.Join("\n", failures.Take(25))}");

        var healthy = await sut.GetAsync("healthy");
        var again = await sut.GetAsync("healthy");

        Assert.Equal((200, "healthy"), (healthy.Status, healthy.Text));
        Assert.Equal((200, "healthy"), (again.Status, again.Text));
        Assert.NotNull(again.Age);
        Assert.Equal(1, sut.Origin.Requests.Count(r => r.Target == "/healthy"));
    }

    /// <summary>The origin's side: fuzzed header values on 200s, 304s to conditionals, some 404s and redirects; a drop or silence for the provoked keys.</summary>
    private static OriginReply Respond(RecordedRequest request, ConcurrentDictionary<int, (string Target, string Reply)> log)
    {
        if (request.Target.StartsWith("/down-", StringComparison.Ordinal))
        {
            return OriginReply.Unreachable;
        }

        if (request.Target.StartsWith("/slow-", StringComparison.Ordinal))
        {
            return OriginReply.Silent;
        }

        if (request.Target == "/healthy")
        {
            return OriginReply.Of(200, "healthy", "Cache-Control: max-age=600");
        }

        var values = new FuzzedFieldValues(Seed * 31 + request.Index);
        var random = values.Random;
        var conditional = request.Header("If-None-Match") is not null || request.Header("If-Modified-Since") is not null;
        var status = conditional && random.Next(2) == 0 ? 304 : values.Pick([200, 200, 200, 200, 200, 200, 200, 404, 301, 410]);
        var headers = Enumerable.Range(0, random.Next(0, 7))
            .Select(_ => values.Pick(ResponseFields))
            .Select(name => new Field(name, values.Next(name, controlBytes: false)))
            .ToList();
        if (status == 301)
        {
            headers.Add(new Field("Location", "/f" + random.Next(30).ToString(CultureInfo.InvariantCulture)));
        }

        var reply = new OriginReply(status, headers, Encoding.UTF8.GetBytes($"fuzz body {request.Index}"));
        log[request.Index] = (request.Target, $"{request.Method} {status} [{string.Join("; ", headers.Select(h => $"{h.Name}: {Escape(h.Value!)}"))}]");
        return reply;
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\x{(int)c:X2}"));
}
