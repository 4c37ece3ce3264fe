using System.Text.Json;
using MediaEdge.IntegrationTests.Admin;
using MediaEdge.IntegrationTests.Origins.S3;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// <c>GET /admin/api/sources/{source}/objects</c> against each store that lists (a folder, Azurite, s3rver): the keys
/// under a prefix in key order with their sizes and dates, bounded by <c>limit</c>, behind the admin key.
/// </summary>
public abstract class OriginListingTests<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : OriginBackend
{
    private const string Source = "store";
    private MediaEdgeServer? _edge;

    protected TBackend Backend => backend;

    protected MediaEdgeServer Edge => _edge ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _edge = await MediaEdgeServer.StartAsync(AdminApi.Settings(backend.SourceSettings(Source)));

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task Listing_ByPrefix_GivesTheKeysInOrder_WithTheirBytesAndDates()
    {
        await backend.PutAsync("listed/b.jpg", SampleBytes.Noise(300, 1), "image/jpeg");
        await backend.PutAsync("listed/a/c.png", SampleBytes.Noise(200, 2), "image/png");
        await backend.PutAsync("elsewhere/d.jpg", SampleBytes.Noise(100, 3), "image/jpeg");

        var answer = await AdminApi.JsonAsync(Edge.Client, $"/admin/api/sources/{Source}/objects?prefix=listed/");

        Assert.Equal(Source, answer.GetProperty("source").GetString());
        Assert.True(answer.GetProperty("listable").GetBoolean());
        var objects = answer.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(["listed/a/c.png", "listed/b.jpg"], objects.Select(o => o.GetProperty("key").GetString()));
        Assert.Equal([200L, 300L], objects.Select(o => o.GetProperty("bytes").GetInt64()));
        Assert.All(objects, o => Assert.True(o.GetProperty("lastModified").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Listing_Limit_BoundsTheAnswer_AndOneOutOfRangeIsA400NamingIt()
    {
        foreach (var name in (string[])["1", "2", "3"])
        {
            await backend.PutAsync($"bounded/{name}.jpg", SampleBytes.Noise(10, 4), "image/jpeg");
        }

        var two = await AdminApi.JsonAsync(Edge.Client, $"/admin/api/sources/{Source}/objects?prefix=bounded/&limit=2");
        var zero = await AdminApi.GetAsync(Edge.Client, $"/admin/api/sources/{Source}/objects?limit=0");
        var tooMany = await AdminApi.GetAsync(Edge.Client, $"/admin/api/sources/{Source}/objects?limit=1001");

        Assert.Equal(["bounded/1.jpg", "bounded/2.jpg"], two.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, zero.Status);
        Assert.Equal("limit", zero.Problem().GetProperty("parameter").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
    }

    [Fact]
    public async Task Listing_WithoutTheKey_Is401_WithAWrongOne403_AndForAnUnknownSource404()
    {
        var none = await AdminApi.GetAsync(Edge.Client, $"/admin/api/sources/{Source}/objects", key: "");
        var wrong = await AdminApi.GetAsync(Edge.Client, $"/admin/api/sources/{Source}/objects", key: "not-the-key-0123456789");
        var unknown = await AdminApi.GetAsync(Edge.Client, "/admin/api/sources/nowhere/objects");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("application/problem+json", unknown.ContentType);
    }
}

public sealed class FileSystemListingTests(FileSystemBackend backend)
    : OriginListingTests<FileSystemBackend>(backend), IClassFixture<FileSystemBackend>
{
    [Fact]
    public async Task Listing_SkipsHiddenFilesAndFolders()
    {
        await Backend.PutAsync("walk/seen.jpg", SampleBytes.Noise(10, 5), "image/jpeg");
        await Backend.PutAsync("walk/.hidden.jpg", SampleBytes.Noise(10, 6), "image/jpeg");
        await Backend.PutAsync("walk/.cache/inside.jpg", SampleBytes.Noise(10, 7), "image/jpeg");

        var answer = await AdminApi.JsonAsync(Edge.Client, "/admin/api/sources/store/objects?prefix=walk/");

        Assert.Equal(["walk/seen.jpg"], answer.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Listing_NeverFollowsALinkOutOfTheRoot()
    {
        // The shared media folder's links/ holds only symbolic links to files and a folder outside its root.
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings());

        var links = await AdminApi.JsonAsync(server.Client, "/admin/api/sources/local/objects?prefix=links/");
        var all = await AdminApi.JsonAsync(server.Client, "/admin/api/sources/local/objects?limit=1000");

        Assert.Empty(links.GetProperty("objects").EnumerateArray());
        Assert.Contains("colorful-cups.jpg", all.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("key").GetString()));
        Assert.DoesNotContain(all.GetProperty("objects").EnumerateArray(), o => o.GetProperty("key").GetString()!.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_OfASourceWhoseOriginCannotList_IsEmpty_AndSaysSo()
    {
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings(new Dictionary<string, string?>
        {
            ["MediaEdge:Sources:web:Kind"] = "Http",
            ["MediaEdge:Sources:web:BaseUrl"] = "http://127.0.0.1:9/",
        }));

        var answer = await AdminApi.JsonAsync(server.Client, "/admin/api/sources/web/objects");

        Assert.False(answer.GetProperty("listable").GetBoolean());
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("objects").ValueKind);
        Assert.Empty(answer.GetProperty("objects").EnumerateArray());
    }
}

public sealed class AzureBlobListingTests(AzureBlobBackend backend)
    : OriginListingTests<AzureBlobBackend>(backend), IClassFixture<AzureBlobBackend>;

public sealed class S3ListingTests(S3Backend backend)
    : OriginListingTests<S3Backend>(backend), IClassFixture<S3Backend>;
