using Amazon.S3.Model;
using MediaEdge.Origins;
using MediaEdge.Origins.S3;
using MediaEdge.Requests;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Origins.S3;

/// <summary>
/// What only an S3 source shows, against a real s3rver: a missing key is a 404, /o/ carries the object's own ETag, type and
/// date and answers If-None-Match and Range from them, the origin's conditional and ranged reads return what S3 returns,
/// and a bad S3 configuration stops the start naming the key.
/// </summary>
public sealed class S3OriginTests(S3Backend backend) : IClassFixture<S3Backend>, IAsyncLifetime
{
    private const string Source = "bucket";
    private MediaEdgeServer? _edge;

    private MediaEdgeServer Edge => _edge ?? throw new InvalidOperationException("The host has not started.");

    private IOrigin Origin => Edge.Origin(Source);

    public async Task InitializeAsync() => _edge = await MediaEdgeServer.StartAsync(ServerOptions.Shield(backend.SourceSettings(Source)));

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task MissingKey_Is404NotFound_OnImgAndO()
    {
        var image = await Edge.GetAsync($"/img/{Source}/missing/{Guid.NewGuid():N}.jpg?w=100");
        var original = await Edge.GetAsync($"/o/{Source}/missing/{Guid.NewGuid():N}.jpg");

        Assert.Equal(HttpStatusCode.NotFound, image.Status);
        Assert.Equal("urn:mediaedge:problem:not-found", image.Problem().GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, original.Status);
    }

    [Fact]
    public async Task O_CarriesTheObjectsETagTypeAndDate_AndAnswersIfNoneMatchAndRange()
    {
        var key = NewKey();
        var bytes = SampleBytes.Media("small.jpg");
        await backend.PutAsync(key, bytes, "image/jpeg");
        var stored = await backend.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = S3Backend.Bucket, Key = key });

        var first = await Edge.GetAsync($"/o/{Source}/{key}");
        var unchanged = await Edge.GetAsync($"/o/{Source}/{key}", ("If-None-Match", stored.ETag));
        var range = await Edge.GetAsync($"/o/{Source}/{key}", ("Range", "bytes=100-199"));

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (first.Status, first.ContentType));
        Assert.Equal(bytes, first.Body);
        Assert.Equal(stored.ETag, first.Header("ETag"));
        Assert.Equal(new DateTimeOffset(stored.LastModified!.Value.ToUniversalTime()), DateTimeOffset.Parse(first.Header("Last-Modified")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.Status);
        Assert.Empty(unchanged.Body);
        Assert.Equal(HttpStatusCode.PartialContent, range.Status);
        Assert.Equal(bytes.AsSpan(100, 100).ToArray(), range.Body);
    }

    [Fact]
    public async Task Origin_ConditionalReads_AreAnsweredNotModifiedUntilTheObjectChanges()
    {
        var key = NewKey();
        await backend.PutAsync(key, SampleBytes.Media("small.jpg"), "image/jpeg");
        var known = await Origin.StatAsync(key, CancellationToken.None);

        var unchanged = await Origin.RevalidateAsync(key, known, CancellationToken.None);
        await using (var notModified = await Origin.OpenAsync(key, new OriginRequest(known, []), CancellationToken.None))
        {
            Assert.Null(unchanged);
            Assert.True(notModified.NotModified);
        }

        var webp = SampleBytes.Media("wood.webp");
        await backend.PutAsync(key, webp, "image/webp");
        var changed = await Origin.RevalidateAsync(key, known, CancellationToken.None);
        await using var reopened = await Origin.OpenAsync(key, new OriginRequest(known, []), CancellationToken.None);
        using var copy = new MemoryStream();
        await reopened.Body.CopyToAsync(copy);

        Assert.NotNull(changed);
        Assert.NotEqual(known.Validator, changed.Validator);
        Assert.Equal((webp.Length, "image/webp"), (changed.Length, changed.ContentType));
        Assert.False(reopened.NotModified);
        Assert.Equal(changed.Validator, reopened.Info.Validator);
        Assert.Equal(webp, copy.ToArray());
    }

    [Fact]
    public async Task Origin_RangeReads_ReturnTheBytesAskedFor_FewerAtTheEnd_NoneBeyondIt()
    {
        var key = NewKey();
        var bytes = SampleBytes.Noise(10_000, seed: 3);
        await backend.PutAsync(key, bytes, "application/octet-stream");

        var middle = await Origin.ReadRangeAsync(key, 4096, 1000, CancellationToken.None);
        var end = await Origin.ReadRangeAsync(key, 9_500, 1000, CancellationToken.None);
        var beyond = await Origin.ReadRangeAsync(key, 20_000, 1000, CancellationToken.None);

        Assert.Equal(bytes.AsSpan(4096, 1000).ToArray(), middle.ToArray());
        Assert.Equal(bytes.AsSpan(9_500).ToArray(), end.ToArray());
        Assert.True(beyond.IsEmpty);
    }

    [Fact]
    public async Task Origin_ReadOverTheLimit_Is413_AndABadKeyIs400()
    {
        var key = NewKey();
        await backend.PutAsync(key, SampleBytes.Noise(5000, seed: 4), "application/octet-stream");

        var tooLarge = await Assert.ThrowsAsync<ProblemException>(() => Origin.ReadAsync(key, 4999, CancellationToken.None));
        var badKey = await Assert.ThrowsAsync<ProblemException>(() => Origin.StatAsync("photos/../secret", CancellationToken.None));

        Assert.Equal(413, tooLarge.Status);
        Assert.Equal(400, badKey.Status);
    }

    [Fact]
    public async Task Start_WithoutABucket_FailsNamingTheKey()
    {
        var settings = new Dictionary<string, string?>(backend.SourceSettings("media")) { ["MediaEdge:Sources:media:Bucket"] = "" };

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => MediaEdgeServer.StartAsync(ServerOptions.Shield(settings)));

        Assert.Contains("MediaEdge:Sources:media:Bucket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_ServesTheSourceFromAnS3Origin() => Assert.IsType<S3Origin>(Origin);

    private static string NewKey() => $"s3/{Guid.NewGuid():N}.img";
}
