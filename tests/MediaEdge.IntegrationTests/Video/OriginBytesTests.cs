namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// A thumbnail from a local folder and from Azure Blob Storage (Azurite): the right frame, and ffmpeg's range reads
/// cost the origin a fraction of the file where the index is at the front (mediaedge.video.origin.bytes, counted on
/// the meter of a host nobody else has used).
/// </summary>
public sealed class OriginBytesTests : IClassFixture<AzuriteBlobStore>, IAsyncLifetime
{
    private const string Blobs = "blobs";
    private const double MaxShare = 0.4;
    private readonly AzuriteBlobStore _store;
    private readonly ITestOutputHelper _output;

    public OriginBytesTests(AzuriteBlobStore store, ITestOutputHelper output)
    {
        _store = store;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        await VideoMedia.EnsureGeneratedAsync();
        foreach (var key in new[] { VideoMedia.Slideshow, VideoMedia.MoovAtEnd })
        {
            await _store.PutAsync(Path.GetFileName(key), await File.ReadAllBytesAsync(VideoMedia.PathOf(key)), "video/mp4");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Azurite_Time15_IsTheRightFrame_ReadingUnder40PercentOfTheFile()
    {
        var size = new FileInfo(VideoMedia.PathOf(VideoMedia.Slideshow)).Length;
        Assert.Equal(VideoMedia.SlideshowBytes, size);

        var read = await ThumbnailAt15Async(Blobs, Path.GetFileName(VideoMedia.Slideshow));

        _output.WriteLine($"Azurite, slideshow-1080p.mp4 (moov at the front), thumbnail at 15 s: {read:N0} of {size:N0} bytes read from the origin ({100.0 * read / size:0.0} %)");
        Assert.True(read < MaxShare * size, $"{read:N0} bytes read, {100.0 * read / size:0.0} % of the file");
    }

    [Fact]
    public async Task FileSystem_Time15_IsTheRightFrame_ReadingUnder40PercentOfTheFile()
    {
        var size = new FileInfo(VideoMedia.PathOf(VideoMedia.Slideshow)).Length;

        var read = await ThumbnailAt15Async("local", VideoMedia.Slideshow);

        _output.WriteLine($"filesystem, slideshow-1080p.mp4 (moov at the front), thumbnail at 15 s: {read:N0} of {size:N0} bytes read from the origin ({100.0 * read / size:0.0} %)");
        Assert.True(read < MaxShare * size, $"{read:N0} bytes read, {100.0 * read / size:0.0} % of the file");
    }

    [Fact]
    public async Task Azurite_MoovAtEnd_Time15_IsTheRightFrame_AndItsOriginBytesAreRecorded()
    {
        var bytes = await File.ReadAllBytesAsync(VideoMedia.PathOf(VideoMedia.MoovAtEnd));
        var boxes = VideoMedia.TopLevelBoxes(bytes);
        Assert.True(boxes.Single(b => b.Type == "moov").Offset > boxes.Single(b => b.Type == "mdat").Offset, "the remux has its index after its media data");

        var read = await ThumbnailAt15Async(Blobs, Path.GetFileName(VideoMedia.MoovAtEnd));

        _output.WriteLine($"Azurite, slideshow-moov-at-end.mp4 (moov at the end), thumbnail at 15 s: {read:N0} of {bytes.Length:N0} bytes read from the origin ({100.0 * read / bytes.Length:0.0} %)");
    }

    /// <summary>Asks a new host for the thumbnail at 15 s, checks its pixels, and returns the bytes ffmpeg's reads took from the origin.</summary>
    private async Task<long> ThumbnailAt15Async(string source, string key)
    {
        await using var server = await MediaEdgeServer.StartAsync(_store.SourceSettings(Blobs));
        using var client = server.CreateClient(out var guard);
        using var reference = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(VideoMedia.Slideshow), 15);

        var sut = await client.GetReplyAsync($"/video/{source}/{key}/thumbnail.jpg?time=15");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsJpeg(sut.Body), sut.ToString());
        Assert.Equal((1920, 1080), Pixels.Size(sut.Body));
        var distance = FrameDistance.Between(sut.Body, reference);
        Assert.True(distance <= FrameDistance.SameFrame, $"64 px distance {distance:0.00} to ffmpeg's frame at 15 s");
        guard.AssertNoServerFailure();
        var read = server.Metrics.Total("mediaedge.video.origin.bytes");
        Assert.True(read > 0, "mediaedge.video.origin.bytes counted nothing: the measurement is broken");
        return read;
    }
}
