using MediaEdge.Negotiation;

namespace MediaEdge.Tests.Negotiation;

public sealed class ClientHintsTests
{
    [Fact]
    public void Read_NoHeaders_IsNone()
    {
        var hints = ClientHints.Read(_ => null);

        Assert.Equal(ClientHints.None, hints);
    }

    [Fact]
    public void Read_SecChDprAndDpr_PrefersSecChDpr()
    {
        var hints = Read(("Sec-CH-DPR", "3"), ("DPR", "2"));

        Assert.Equal(3.0, hints.Dpr);
    }

    [Theory]
    [InlineData("2", 2.0)]
    [InlineData("2.625", 2.625)]
    [InlineData("1", 1.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("4.5", 4.5)]
    [InlineData("5", 5.0)]
    [InlineData("7", 5.0)]
    public void Read_DprHeader_FollowsTheDprParameter_AboveZeroAndAtMostFive(string value, double dpr)
    {
        var hints = Read(("DPR", value));

        Assert.Equal(dpr, hints.Dpr);
    }

    [Theory]
    [InlineData("Sec-CH-Width", "640", 640)]
    [InlineData("Width", "1", 1)]
    [InlineData("Width", "99999", 8192)]
    public void Read_WidthHeader_IsDevicePixelsUpToTheMaximum(string header, string value, int width)
    {
        var hints = Read((header, value));

        Assert.Equal(width, hints.Width);
    }

    [Theory]
    [InlineData("Sec-CH-DPR", "")]
    [InlineData("Sec-CH-DPR", "abc")]
    [InlineData("Sec-CH-DPR", "0")]
    [InlineData("Sec-CH-DPR", "-2")]
    [InlineData("Sec-CH-DPR", "NaN")]
    [InlineData("Sec-CH-DPR", "Infinity")]
    [InlineData("Sec-CH-DPR", "0x2")]
    [InlineData("Sec-CH-DPR", "2,5")]
    [InlineData("Sec-CH-DPR", "1e1")]
    [InlineData("Sec-CH-Width", "")]
    [InlineData("Sec-CH-Width", "0")]
    [InlineData("Sec-CH-Width", "-5")]
    [InlineData("Sec-CH-Width", "640.5")]
    [InlineData("Sec-CH-Width", "0x10")]
    [InlineData("Sec-CH-Width", "wide")]
    [InlineData("Sec-CH-Width", "99999999999")]
    public void Read_MalformedDprOrWidth_IsIgnored(string header, string value)
    {
        Assert.Equal(ClientHints.None, Read((header, value)));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData(" on ", true)]
    [InlineData("off", false)]
    [InlineData("1", false)]
    [InlineData("yes", false)]
    [InlineData("", false)]
    public void Read_SaveData_IsOnlyOn(string value, bool saveData)
    {
        var hints = Read(("Save-Data", value));

        Assert.Equal(saveData, hints.SaveData);
    }

    private static ClientHints Read(params (string Name, string Value)[] headers)
    {
        var map = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return ClientHints.Read(name => map.GetValueOrDefault(name));
    }
}
