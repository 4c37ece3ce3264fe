using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Tests.Negotiation;

public sealed class SpecNegotiatorTests
{
    private const string ChromeAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    [Theory]
    [InlineData("image/webp,*/*")]
    [InlineData(ChromeAccept)]
    [InlineData("image/avif;q=0,image/webp")]
    public void Negotiate_AutoFormatWithWebpAccepted_PicksWebpAndVariesOnAccept(string accept)
    {
        var negotiated = Negotiate("auto=format", accept, Engines.Managed);

        Assert.Equal(OutputFormat.Webp, negotiated.Spec.Format);
        Assert.Equal(["Accept"], negotiated.Vary);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("image/*")]
    [InlineData("image/jpeg,image/png,image/*;q=0.8")]
    [InlineData("image/webp;q=0,image/png")]
    public void Negotiate_AutoFormatWithoutWebp_PicksTheJpegOrPngBucket(string? accept)
    {
        var negotiated = Negotiate("auto=format", accept, Engines.Full);

        Assert.Equal(OutputFormat.JpegOrPng, negotiated.Spec.Format);
        Assert.Equal(["Accept"], negotiated.Vary);
    }

    [Fact]
    public void Negotiate_AutoFormatWithAvifAcceptedAndEncodable_PicksAvif()
    {
        var negotiated = Negotiate("auto=format", ChromeAccept, Engines.Full);

        Assert.Equal(OutputFormat.Avif, negotiated.Spec.Format);
        Assert.Equal(["Accept"], negotiated.Vary);
    }

    [Theory]
    [InlineData(ChromeAccept, OutputFormat.Webp)]
    [InlineData("image/avif", OutputFormat.JpegOrPng)]
    [InlineData("image/avif,image/png", OutputFormat.JpegOrPng)]
    public void Negotiate_AutoFormatWithEngineWithoutAvif_NeverPicksAvif(string accept, OutputFormat expected)
    {
        var negotiated = Negotiate("auto=format", accept, Engines.Managed);

        Assert.Equal(expected, negotiated.Spec.Format);
    }

    [Fact]
    public void Negotiate_AvifExcludedWithQZero_FallsBackToWebp()
    {
        var negotiated = Negotiate("auto=format", "image/avif;q=0,image/webp,*/*", Engines.Full);

        Assert.Equal(OutputFormat.Webp, negotiated.Spec.Format);
    }

    [Theory]
    [InlineData("fm=png&auto=format", OutputFormat.Png)]
    [InlineData("auto=format&fm=jpg", OutputFormat.Jpeg)]
    [InlineData("fm=webp&auto=format,compress", OutputFormat.Webp)]
    [InlineData("fm=gif", OutputFormat.Gif)]
    [InlineData("fm=json&auto=format", OutputFormat.Json)]
    public void Negotiate_ExplicitFormat_WinsWithoutVary(string query, OutputFormat format)
    {
        var negotiated = Negotiate(query, ChromeAccept, Engines.Full);

        Assert.Equal(format, negotiated.Spec.Format);
        Assert.Empty(negotiated.Vary);
    }

    [Fact]
    public void Negotiate_NoFormatAndNoAuto_KeepsTheSourceFormatWithoutVary()
    {
        var negotiated = Negotiate("w=100", ChromeAccept, Engines.Full);

        Assert.Equal(OutputFormat.Source, negotiated.Spec.Format);
        Assert.Empty(negotiated.Vary);
    }

    [Fact]
    public void Negotiate_AutoCompressAlone_PicksJpegOrPngAndCompressesWithoutVary()
    {
        var negotiated = Negotiate("auto=compress", ChromeAccept, Engines.Full);

        Assert.Equal(OutputFormat.JpegOrPng, negotiated.Spec.Format);
        Assert.True(negotiated.Spec.Compress);
        Assert.Empty(negotiated.Vary);
    }

    [Theory]
    [InlineData("fm=avif")]
    [InlineData("fm=avif&auto=format")]
    [InlineData("fm=pjpg")]
    public void Negotiate_FormatTheEngineCannotEncode_IsBadParameterNamingFm(string query)
    {
        var parameters = Parse(query);

        var problem = ProblemAssert.BadParameter("fm", () => SpecNegotiator.Negotiate(parameters, ChromeAccept, ClientHints.None, Engines.Managed, "imagesharp"));

        Assert.Contains("imagesharp", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negotiate_AvifWithAnEngineThatEncodesIt_IsKept()
    {
        var negotiated = Negotiate("fm=avif", null, Engines.Full);

        Assert.Equal(OutputFormat.Avif, negotiated.Spec.Format);
    }

    [Fact]
    public void Negotiate_DprHintNamedInCh_SetsDprAndVariesOnIt()
    {
        var negotiated = Negotiate("w=100&ch=DPR", null, Engines.Managed, new ClientHints(2, null, false));

        Assert.Equal(2.0, negotiated.Spec.Dpr);
        Assert.Equal(["Sec-CH-DPR", "DPR"], negotiated.Vary);
    }

    [Fact]
    public void Negotiate_DprHintWithDprParameter_KeepsTheParameter()
    {
        var negotiated = Negotiate("w=100&dpr=3&ch=dpr", null, Engines.Managed, new ClientHints(2, null, false));

        Assert.Equal(3.0, negotiated.Spec.Dpr);
    }

    [Fact]
    public void Negotiate_DprHintNotNamedInCh_IsIgnored()
    {
        var negotiated = Negotiate("w=100", null, Engines.Managed, new ClientHints(2, 640, true));

        Assert.Equal(1.0, negotiated.Spec.Dpr);
        Assert.Equal(Dimension.Pixels(100), negotiated.Spec.Width);
        Assert.False(negotiated.Spec.Compress);
        Assert.Empty(negotiated.Vary);
    }

    [Fact]
    public void Negotiate_WidthHintNamedInCh_SetsWidthInDevicePixelsWithDprOne()
    {
        var negotiated = Negotiate("ch=Width,DPR", null, Engines.Managed, new ClientHints(2, 640, false));

        Assert.Equal(Dimension.Pixels(640), negotiated.Spec.Width);
        Assert.Equal(1.0, negotiated.Spec.Dpr);
        Assert.Equal(["Sec-CH-DPR", "DPR", "Sec-CH-Width", "Width"], negotiated.Vary);
    }

    [Fact]
    public void Negotiate_WidthHintWithWParameter_KeepsWAndTheDprHint()
    {
        var negotiated = Negotiate("w=100&ch=width,dpr", null, Engines.Managed, new ClientHints(2, 640, false));

        Assert.Equal(Dimension.Pixels(100), negotiated.Spec.Width);
        Assert.Equal(2.0, negotiated.Spec.Dpr);
    }

    [Fact]
    public void Negotiate_SaveDataOnWithChSaveData_Compresses()
    {
        var negotiated = Negotiate("w=100&ch=Save-Data", null, Engines.Managed, new ClientHints(null, null, true));

        Assert.True(negotiated.Spec.Compress);
        Assert.Equal(["Save-Data"], negotiated.Vary);
    }

    [Fact]
    public void Negotiate_SaveDataOffWithChSaveData_DoesNotCompressButVaries()
    {
        var negotiated = Negotiate("w=100&ch=Save-Data", null, Engines.Managed, ClientHints.None);

        Assert.False(negotiated.Spec.Compress);
        Assert.Equal(["Save-Data"], negotiated.Vary);
    }

    [Fact]
    public void Negotiate_MalformedHintHeaders_AreIgnored()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sec-CH-DPR"] = "abc",
            ["Sec-CH-Width"] = "-640",
            ["Save-Data"] = "yes",
        };
        var hints = ClientHints.Read(name => headers.GetValueOrDefault(name));

        var negotiated = Negotiate("h=100&ch=Width,DPR,Save-Data", null, Engines.Managed, hints);

        Assert.Null(negotiated.Spec.Width);
        Assert.Equal(Dimension.Pixels(100), negotiated.Spec.Height);
        Assert.Equal(1.0, negotiated.Spec.Dpr);
        Assert.False(negotiated.Spec.Compress);
    }

    [Theory]
    [InlineData("fit=crop&w=100&ar=16:9", true)]
    [InlineData("fit=fill&w=100&ar=16:9", true)]
    [InlineData("fit=clip&w=100&ar=16:9", false)]
    [InlineData("fit=max&w=100&ar=16:9", false)]
    public void Negotiate_AspectRatio_AppliesOnlyToCropAndFill(string query, bool kept)
    {
        var negotiated = Negotiate(query, null, Engines.Managed);

        Assert.Equal(kept ? 16.0 / 9 : null, negotiated.Spec.AspectRatio);
    }

    [Fact]
    public void Negotiate_NoFocalPoint_CentresIt()
    {
        var negotiated = Negotiate("w=100", null, Engines.Managed);

        Assert.Equal(0.5, negotiated.Spec.FocalX);
        Assert.Equal(0.5, negotiated.Spec.FocalY);
    }

    internal static ImageParameters Parse(string query) =>
        new ImageQueryParser(new Dictionary<string, string> { ["card"] = "w=640&h=360&fit=crop&auto=format" }).Parse(QueryText.Parse(query));

    internal static NegotiatedSpec Negotiate(string query, string? accept, Func<OutputFormat, bool> canEncode, ClientHints? hints = null) =>
        SpecNegotiator.Negotiate(Parse(query), accept, hints ?? ClientHints.None, canEncode, "test");
}
