using System.Text;
using MediaEdge.Caching;
using MediaEdge.Imaging;

namespace MediaEdge.Tests.Caching;

public sealed class EntryCodecTests
{
    private static readonly Header Sample = new("image/webp", "\"abc\"", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1)), 640, 480);

    [Fact]
    public void RoundTrip_KeepsTheHeaderAndTheBodyBytes()
    {
        var body = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();

        var encoded = EntryCodec.Encode(Sample, body);

        Assert.True(EntryCodec.TryDecode<Header>(encoded, out var header, out var decoded));
        Assert.Equal(Sample, header);
        Assert.Equal(body, decoded.ToArray());
    }

    [Fact]
    public void RoundTrip_EmptyBody()
    {
        var encoded = EntryCodec.Encode(Sample, []);

        Assert.True(EntryCodec.TryDecode<Header>(encoded, out var header, out var body));
        Assert.Equal(Sample, header);
        Assert.True(body.IsEmpty);
    }

    [Fact]
    public void Body_IsStoredAsIs_NotEncoded()
    {
        var body = "raw body bytes"u8.ToArray();

        var encoded = EntryCodec.Encode(Sample, body);

        Assert.Equal(body, encoded[^body.Length..]);
        Assert.True(encoded.Length < body.Length + 200);
    }

    [Fact]
    public void EveryTruncation_IsRejected()
    {
        var encoded = EntryCodec.Encode(Sample, "0123456789abcdef"u8);

        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.False(EntryCodec.TryDecode<Header>(encoded[..length], out _, out _), $"A value cut to {length} of {encoded.Length} bytes was accepted.");
        }
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        var encoded = EntryCodec.Encode(Sample, "body"u8);

        Assert.False(EntryCodec.TryDecode<Header>([.. encoded, 0], out _, out _));
    }

    [Fact]
    public void AnotherLayoutVersion_IsRejected()
    {
        var encoded = EntryCodec.Encode(Sample, "body"u8);

        foreach (var version in new byte[] { 0, (byte)(encoded[0] + 1), 0xFF })
        {
            var other = encoded.ToArray();
            other[0] = version;
            Assert.False(EntryCodec.TryDecode<Header>(other, out _, out _));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{\"ContentType\":\"image/webp\"}")]
    [InlineData("\u0089PNG\r\n\u001a\n\0\0\0\rIHDR")]
    public void ForeignValues_AreRejected(string text)
    {
        Assert.False(EntryCodec.TryDecode<Header>(Encoding.Latin1.GetBytes(text), out _, out _));
    }

    [Fact]
    public void HeaderThatIsNotJson_IsRejected()
    {
        var encoded = EntryCodec.Encode(Sample, "body"u8);
        var broken = encoded.ToArray();
        var brace = Array.IndexOf(broken, (byte)'{');
        broken[brace] = (byte)'<';

        Assert.False(EntryCodec.TryDecode<Header>(broken, out _, out _));
    }

    [Fact]
    public void NullHeader_IsRejected()
    {
        var encoded = EntryCodec.Encode<Header?>(null, "body"u8);

        Assert.False(EntryCodec.TryDecode<Header>(encoded, out _, out _));
    }

    [Fact]
    public void ClaimedLengthsBeyondTheBuffer_AreRejected()
    {
        var encoded = EntryCodec.Encode(Sample, "body"u8);

        for (var at = 1; at < Math.Min(encoded.Length, 9); at++)
        {
            var corrupt = encoded.ToArray();
            corrupt[at] = 0xFF;
            Assert.False(EntryCodec.TryDecode<Header>(corrupt, out _, out _), $"A value with byte {at} set to 0xFF was accepted.");
        }
    }

    /// <summary>What a source's header said goes to Redis, so another node settles auto=format's AVIF budget without reading the source.</summary>
    [Fact]
    public void RoundTrip_SourceInfo_KeepsTheHeader()
    {
        var image = new SourceInfo(SourceFormat.Jpeg, 300, 200, HasAlpha: false, Frames: 1, Orientation: 6);

        Assert.True(EntryCodec.TryDecode<SourceInfo>(EntryCodec.Encode(image, []), out var sut, out _));

        Assert.Equal(image, sut);
        Assert.Equal(200, sut!.OrientedWidth);
    }

    private sealed record Header(string ContentType, string ETag, DateTimeOffset Created, int Width, int Height);
}
