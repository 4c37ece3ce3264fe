using MediaEdge.Requests;

namespace MediaEdge.Tests.Requests;

public sealed class RgbaTests
{
    [Theory]
    [InlineData("fff", 0xff, 0xff, 0xff, 0xff)]
    [InlineData("abc", 0xaa, 0xbb, 0xcc, 0xff)]
    [InlineData("#abc", 0xaa, 0xbb, 0xcc, 0xff)]
    [InlineData("8abc", 0xaa, 0xbb, 0xcc, 0x88)]
    [InlineData("0000", 0, 0, 0, 0)]
    [InlineData("123456", 0x12, 0x34, 0x56, 0xff)]
    [InlineData("AbCdEf", 0xab, 0xcd, 0xef, 0xff)]
    [InlineData("80123456", 0x12, 0x34, 0x56, 0x80)]
    [InlineData("#ff000000", 0, 0, 0, 0xff)]
    public void TryParseHex_ImgixForms_ReadRgbWithAlphaFirst(string text, int r, int g, int b, int a)
    {
        var ok = Rgba.TryParseHex(text, out var color);

        Assert.True(ok);
        Assert.Equal(new Rgba((byte)r, (byte)g, (byte)b, (byte)a), color);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("f")]
    [InlineData("ff")]
    [InlineData("fffff")]
    [InlineData("fffffff")]
    [InlineData("fffffffff")]
    [InlineData("ggg")]
    [InlineData("0x10")]
    [InlineData(" fff")]
    [InlineData("ff f")]
    [InlineData("##fff")]
    [InlineData("ｆｆｆ")]
    [InlineData("١٢٣")]
    [InlineData("-fff")]
    public void TryParseHex_AnythingElse_IsRefused(string text)
    {
        var ok = Rgba.TryParseHex(text, out var color);

        Assert.False(ok);
        Assert.Equal(default, color);
    }

    [Theory]
    [InlineData("80123456")]
    [InlineData("ffffffff")]
    [InlineData("00000000")]
    public void ToString_ParsedColour_RoundTripsAsAarrggbb(string text)
    {
        Rgba.TryParseHex(text, out var color);

        Assert.Equal(text, color.ToString());
    }

    [Fact]
    public void IsOpaque_OnlyFullAlpha_IsOpaque()
    {
        Assert.True(Rgba.White.IsOpaque);
        Assert.False(new Rgba(255, 255, 255, 254).IsOpaque);
        Assert.False(Rgba.Transparent.IsOpaque);
    }
}
