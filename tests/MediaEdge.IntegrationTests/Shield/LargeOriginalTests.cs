using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Shield;

/// <summary>
/// Originals over Cache:MaxOriginalBytes (64 KiB here), declared or found while buffering one of unknown length, are streamed through whole and byte-exact,
/// and not stored: the next request reaches the origin again. One under the limit is stored (the control).
/// </summary>
public sealed class LargeOriginalTests : ShieldTest
{
    private const int Limit = 64 * 1024;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["MediaEdge:Cache:MaxOriginalBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task OverMaxOriginalBytes_IsStreamedWhole_AndNotStored()
    {
        var body = SampleBytes.Noise(300_000, seed: 11);
        var big = Origin.Put("big.bin", body);
        big.ETag = "\"big\"";
        big.CacheControl = "public, max-age=600";

        var first = await GetAsync("big.bin");
        var second = await GetAsync("big.bin");

        Assert.Equal((HttpStatusCode.OK, "pass"), (first.Status, first.Tier()));
        Assert.Equal(body.Length, first.ContentLength);
        Assert.Equal(body, first.Body);
        Assert.Equal(body, second.Body);
        Assert.Equal("pass", second.Tier());
        Assert.Null(first.Header("Age"));
        Assert.Equal(2, big.Gets);
    }

    [Fact]
    public async Task OverMaxOriginalBytes_ARangeIsCutFromTheStream()
    {
        var body = SampleBytes.Noise(300_000, seed: 12);
        Origin.Put("big.bin", body).ETag = "\"big\"";

        var reply = await GetAsync("big.bin", ("Range", "bytes=200000-200999"));

        Assert.Equal(HttpStatusCode.PartialContent, reply.Status);
        Assert.Equal("bytes 200000-200999/300000", reply.Header("Content-Range"));
        Assert.Equal(body[200_000..201_000], reply.Body);
    }

    [Fact]
    public async Task OverMaxOriginalBytes_StillCarriesTheAgeTheOriginGaveIt()
    {
        var big = Origin.Put("big.bin", SampleBytes.Noise(100_000, seed: 15));
        big.CacheControl = "public, max-age=600";
        big.Headers["Age"] = "30";

        var reply = await GetAsync("big.bin");

        Assert.Equal("pass", reply.Tier());
        Assert.Equal(30, Age(reply));
    }

    [Fact]
    public async Task UnknownLength_UnderTheLimit_IsBufferedAndStored()
    {
        var body = SampleBytes.Noise(40_000, seed: 13);
        var chunked = Origin.Put("chunked.bin", body);
        chunked.Chunked = true;
        chunked.ETag = "\"chunked\"";

        var first = await GetAsync("chunked.bin");
        var second = await GetAsync("chunked.bin");

        Assert.Equal(body, first.Body);
        Assert.Equal(body, second.Body);
        Assert.Equal(("miss", "hit-l1"), (first.Tier(), second.Tier()));
        Assert.Equal(1, chunked.Gets);
    }

    [Fact]
    public async Task UnknownLength_OverTheLimit_IsStreamedWhole_AndNotStored()
    {
        var body = SampleBytes.Noise(Limit * 3 + 17, seed: 15);
        var chunked = Origin.Put("chunked-large.bin", body);
        chunked.Chunked = true;
        chunked.ETag = "\"chunked-large\"";

        var first = await GetAsync("chunked-large.bin");
        var second = await GetAsync("chunked-large.bin");

        Assert.Equal(body, first.Body);
        Assert.Equal(body, second.Body);
        Assert.Equal(("pass", "pass"), (first.Tier(), second.Tier()));
        Assert.Equal(2, chunked.Gets);
    }

    [Fact]
    public async Task UnderMaxOriginalBytes_IsStored()
    {
        var body = SampleBytes.Noise(Limit, seed: 14);
        var small = Origin.Put("small.bin", body);
        small.ETag = "\"small\"";

        var first = await GetAsync("small.bin");
        var second = await GetAsync("small.bin");

        Assert.Equal(("miss", "hit-l1"), (first.Tier(), second.Tier()));
        Assert.Equal(body, second.Body);
        Assert.Equal(1, small.Gets);
    }
}
