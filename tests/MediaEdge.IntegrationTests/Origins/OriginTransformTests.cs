using MediaEdge.IntegrationTests.Origins.S3;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// /img/ transforms from every kind of origin, run against each back end (a folder, Azurite, an HTTP server, s3rver): the pixel size and format asked for; after
/// Cache:FreshSeconds of fake time the source is revalidated in the request (no stale-while-revalidate), an unchanged
/// source is not transformed again, and a changed one is. Each test runs its own MediaEdge host on its own fake clock.
/// </summary>
public abstract class OriginTransformTests<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : OriginBackend
{
    private const string Source = "store";
    private MediaEdgeServer? _edge;

    private MediaEdgeServer Edge => _edge ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _edge = await MediaEdgeServer.StartAsync(ServerOptions.Shield(backend.SourceSettings(Source)));

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task Transform_FromThisOrigin_HasTheAskedPixelSizeAndFormat()
    {
        var key = NewKey();
        await backend.PutAsync(key, SampleBytes.Media("small.jpg"), "image/jpeg");

        var png = await Edge.GetAsync($"/img/{Source}/{key}?w=320&fm=png");
        var webp = await Edge.GetAsync($"/img/{Source}/{key}?w=160&fm=webp");
        var jpeg = await Edge.GetAsync($"/img/{Source}/{key}?w=100&h=100&fit=crop&fm=jpg");

        Assert.Equal((HttpStatusCode.OK, "image/png"), (png.Status, png.ContentType));
        Assert.True(Magic.IsPng(png.Body));
        Assert.Equal((320, 200), Pixels.Size(png.Body));
        Assert.Equal((HttpStatusCode.OK, "image/webp"), (webp.Status, webp.ContentType));
        Assert.True(Magic.IsWebp(webp.Body));
        Assert.Equal((160, 100), Pixels.Size(webp.Body));
        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (jpeg.Status, jpeg.ContentType));
        Assert.True(Magic.IsJpeg(jpeg.Body));
        Assert.Equal((100, 100), Pixels.Size(jpeg.Body));
        Assert.Equal(3, Edge.Transforms);
    }

    [Fact]
    public async Task Revalidation_SourceUnchanged_AsksTheOriginAndDoesNotTransformAgain()
    {
        var key = NewKey();
        await backend.PutAsync(key, SampleBytes.Media("small.jpg"), "image/jpeg");
        var url = $"/img/{Source}/{key}?w=200&fm=png";
        var first = await Edge.GetAsync(url);
        Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.FreshSeconds - 1));

        var fresh = await Edge.GetAsync(url);

        Assert.Equal("hit-l1", fresh.Tier());
        Assert.Equal(0, backend.ConditionalRequests(key) ?? 0);

        Edge.Clock.Advance(TimeSpan.FromSeconds(2));
        var revalidated = await Edge.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, revalidated.Status);
        Assert.Equal(first.Header("ETag"), revalidated.Header("ETag"));
        Assert.Equal(first.Body, revalidated.Body);
        Assert.Equal((200, 125), Pixels.Size(revalidated.Body));
        Assert.Equal(Freshness.Shield.FreshSeconds, revalidated.MaxAgeSeconds());
        Assert.Equal(1, Edge.Transforms);
        if (backend.ConditionalRequests(key) is { } conditional)
        {
            Assert.Equal(1, conditional);
        }
    }

    [Fact]
    public async Task Revalidation_SourceChanged_IsTransformedAgainFromTheNewBytes()
    {
        var key = NewKey();
        await backend.PutAsync(key, SampleBytes.Media("small.jpg"), "image/jpeg");
        var url = $"/img/{Source}/{key}?w=200&fm=png";
        var first = await Edge.GetAsync(url);
        await backend.PutAsync(key, SampleBytes.Media("wood.webp"), "image/webp");

        var stillFresh = await Edge.GetAsync(url);

        Assert.Equal((200, 125), Pixels.Size(stillFresh.Body));
        Assert.Equal(1, Edge.Transforms);

        Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.FreshSeconds + 1));
        var changed = await Edge.GetAsync(url);

        Assert.Equal((HttpStatusCode.OK, "image/png"), (changed.Status, changed.ContentType));
        Assert.True(Magic.IsPng(changed.Body));
        Assert.Equal((200, 200), Pixels.Size(changed.Body));
        Assert.NotEqual(first.Header("ETag"), changed.Header("ETag"));
        Assert.Equal(2, Edge.Transforms);
        if (backend.ConditionalRequests(key) is { } conditional)
        {
            Assert.Equal(1, conditional);
        }

        var again = await Edge.GetAsync(url);

        Assert.Equal(changed.Body, again.Body);
        Assert.Equal(2, Edge.Transforms);
    }

    /// <summary>Names legal in a folder, a blob container and an HTTP path alike: each is data in the key, never syntax (issue 12, kind 5).</summary>
    [Theory]
    [InlineData("2015-05-16 09:27:04.jpg")]
    [InlineData("urn:isbn:0451450523.jpg")]
    [InlineData("sale #1 ?final? 50% off.jpg")]
    [InlineData("a+b=c&d@2x [v2] (copy) 'q' \"dq\".jpg")]
    [InlineData("日本語 写真 😀.jpg")]
    [InlineData("%2e%2e and %41 as written.jpg")]
    [InlineData("~tilde/!bang$dollar,comma;semi.jpg")]
    public async Task LegalObjectName_IsReachable_OnImgAndO(string name)
    {
        var key = $"names/{Guid.NewGuid():N}/{name}";
        var bytes = SampleBytes.Media("small.jpg");
        await backend.PutAsync(key, bytes, "image/jpeg");
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

        var image = await Edge.GetAsync($"/img/{Source}/{path}?w=64&fm=png");
        var original = await Edge.GetAsync($"/o/{Source}/{path}");

        Assert.True(image.Status == HttpStatusCode.OK, $"/img/ {name}: {image}");
        Assert.Equal(64, Pixels.Size(image.Body).Width);
        Assert.True(original.Status == HttpStatusCode.OK, $"/o/ {name}: {original}");
        Assert.Equal(bytes, original.Body);
    }

    private static string NewKey() => $"photos/{Guid.NewGuid():N}.img";
}

public sealed class FileSystemOriginTransformTests(FileSystemBackend backend)
    : OriginTransformTests<FileSystemBackend>(backend), IClassFixture<FileSystemBackend>;

public sealed class AzureBlobOriginTransformTests(AzureBlobBackend backend)
    : OriginTransformTests<AzureBlobBackend>(backend), IClassFixture<AzureBlobBackend>;

public sealed class HttpOriginTransformTests(HttpBackend backend)
    : OriginTransformTests<HttpBackend>(backend), IClassFixture<HttpBackend>;

public sealed class S3OriginTransformTests(S3Backend backend)
    : OriginTransformTests<S3Backend>(backend), IClassFixture<S3Backend>;
