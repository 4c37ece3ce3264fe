using System.Text.Json;
using MediaEdge.IntegrationTests.Images.Generated;
using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// A multi-page TIFF is a document, not an animation: both engines serve its first page, in every output format, whatever
/// size, bands or depth its other pages have (odd/multipage-diffsize.tif: a red 40x20 page, then a 20x40 one; and generated
/// layouts), and fm=json describes that page.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class MultipageTests(ImageServer fixture) : ServerTest(fixture)
{
    /// <summary>The Media README's odd/ row for this file: its first page in every format (a 400 naming fm where the engine does not encode it).</summary>
    [EngineTheory]
    [InlineData("")]
    [InlineData("fm=jpg")]
    [InlineData("fm=pjpg")]
    [InlineData("fm=png")]
    [InlineData("fm=webp")]
    [InlineData("fm=gif")]
    [InlineData("fm=avif")]
    [InlineData("fm=png&w=20")]
    public async Task PagesOfDifferentSizes_AreServedAsTheFirstPage(string query)
    {
        var sut = await Client.GetReplyAsync($"/img/local/odd/multipage-diffsize.tif?{query}");

        if ((query == "fm=avif" && !Engine.EncodesAvif) || (query == "fm=pjpg" && !Engine.EncodesProgressiveJpeg))
        {
            sut.AssertRefused("fm", query);
            return;
        }

        Assert.True(sut.Status == HttpStatusCode.OK, $"{query}: {sut}");
        using var image = query == "fm=avif" ? Pixels.LoadWithVips(sut.Body) : Pixels.Load(sut.Body);
        Assert.Single(image.Frames);
        Assert.Equal(query.EndsWith("w=20", StringComparison.Ordinal) ? (20, 10) : (40, 20), (image.Width, image.Height));
        var (r, g, b) = Pixels.Mean(image);
        Assert.True(r > 230 && g < 25 && b < 25, $"{query}: mean colour ({r:0}, {g:0}, {b:0}) is not the first page's red");
    }

    [EngineFact]
    public async Task PagesOfDifferentSizes_Json_DescribesTheFirstPage()
    {
        var sut = await Client.GetOkAsync("/img/local/odd/multipage-diffsize.tif?fm=json");

        using var json = JsonDocument.Parse(sut.Body);
        Assert.Equal((40, 20, 1), (json.RootElement.GetProperty("width").GetInt32(), json.RootElement.GetProperty("height").GetInt32(), json.RootElement.GetProperty("frames").GetInt32()));
    }

    /// <summary>Three pages of one size (green, red, blue) as GIF or WebP, which could hold an animation: still the first page alone.</summary>
    [EngineTheory]
    [InlineData("gif")]
    [InlineData("webp")]
    [InlineData("png")]
    public async Task PagesOfOneSize_AreNotAnAnimation_ButTheFirstPage(string fm)
    {
        var key = GeneratedMedia.Write($"multipage/{Engine.Name}/three-pages.tif", ThreePages());

        var sut = await Client.GetOkAsync($"/img/local/{key}?fm={fm}");

        if (fm == "webp")
        {
            Assert.DoesNotContain("ANMF", Containers.WebpChunks(sut.Body));
        }

        using var image = Pixels.Load(sut.Body);
        Assert.Single(image.Frames);
        Assert.Equal((30, 16), (image.Width, image.Height));
        var (r, g, b) = Pixels.Mean(image);
        Assert.True(g > 230 && r < 25 && b < 25, $"fm={fm}: mean colour ({r:0}, {g:0}, {b:0}) is not the first page's green");
    }

    /// <summary>Multi-page TIFFs whose pages differ in size, bands, depth or role (a reduced-resolution page), with their first page.</summary>
    public static TheoryData<string, string> DifferentPages() => TheoryRows.Crossed(PageLayouts.Keys, ["fm=png", "fm=webp", "fm=gif", "fm=jpg&w=10"]);

    [EngineTheory]
    [MemberData(nameof(DifferentPages))]
    public async Task PagesThatDiffer_AreServedAsTheFirstPage_InEveryFormat(string layout, string query)
    {
        var pages = PageLayouts[layout];
        var first = pages[0];
        var key = GeneratedMedia.Write($"multipage/{Engine.Name}/{layout}.tif", MultipageTiff.Write(pages));

        var sut = await Client.GetReplyAsync($"/img/local/{key}?{query}");
        var json = await Client.GetReplyAsync($"/img/local/{key}?fm=json");

        Assert.True(sut.Status == HttpStatusCode.OK, $"{layout} {query}: {sut} {System.Text.Encoding.UTF8.GetString(sut.Body)}");
        using var image = Pixels.Load(sut.Body);
        Assert.Single(image.Frames);
        var expected = query.EndsWith("w=10", StringComparison.Ordinal) ? (10, (int)Math.Round(10.0 * first.Height / first.Width)) : (first.Width, first.Height);
        Assert.Equal(expected, (image.Width, image.Height));
        var (r, g, b) = Pixels.Mean(image);
        var want = FirstPageColour(first);
        var tolerance = query.StartsWith("fm=jpg", StringComparison.Ordinal) ? 12 : 4;
        Assert.True(
            Math.Abs(r - want.R) <= tolerance && Math.Abs(g - want.G) <= tolerance && Math.Abs(b - want.B) <= tolerance,
            $"{layout} {query}: mean colour ({r:0}, {g:0}, {b:0}) is not the first page's ({want.R}, {want.G}, {want.B})");

        Assert.True(json.Status == HttpStatusCode.OK, $"{layout} fm=json: {json}");
        Assert.Equal((first.Width, first.Height), json.DescribedSize());
    }

    private static readonly Dictionary<string, MultipageTiff.Page[]> PageLayouts = new()
    {
        ["small-then-large"] = [new(20, 10, [255, 0, 0]), new(60, 30, [0, 255, 0])],
        ["large-then-small"] = [new(60, 30, [0, 0, 255]), new(10, 40, [255, 0, 0])],
        ["three-sizes"] = [new(24, 12, [0, 255, 0]), new(12, 24, [255, 0, 0]), new(48, 48, [0, 0, 255])],
        ["grey-then-rgb"] = [new(32, 16, [200]), new(16, 32, [255, 0, 0])],
        ["rgba-then-16-bit-rgb"] = [new(30, 20, [255, 0, 0, 255]), new(50, 10, [0, 0, 65535], Bits: 16)],
        ["16-bit-grey-then-rgb"] = [new(40, 20, [32896], Bits: 16), new(20, 40, [0, 0, 255])],
        ["with-a-reduced-resolution-page"] = [new(40, 40, [255, 0, 0]), new(20, 20, [0, 255, 0], ReducedResolution: true)],
    };

    private static (int R, int G, int B) FirstPageColour(MultipageTiff.Page page)
    {
        int Eight(ushort value) => page.Bits == 16 ? value / 257 : value;
        return page.Colour.Length < 3
            ? (Eight(page.Colour[0]), Eight(page.Colour[0]), Eight(page.Colour[0]))
            : (Eight(page.Colour[0]), Eight(page.Colour[1]), Eight(page.Colour[2]));
    }

    private static byte[] ThreePages()
    {
        using var green = GeneratedMedia.Solid(30, 16, [0, 255, 0]);
        using var red = GeneratedMedia.Solid(30, 16, [255, 0, 0]);
        using var blue = GeneratedMedia.Solid(30, 16, [0, 0, 255]);
        using var strip = VImage.Arrayjoin([green, red, blue], across: 1);
        using var pages = strip.Mutate(m => m.Set(GValue.GIntType, "page-height", 16));
        return pages.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate);
    }
}
