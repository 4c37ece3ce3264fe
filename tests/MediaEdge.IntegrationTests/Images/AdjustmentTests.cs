using System.Net;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Hosting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>blur, sharp, rot and flip, compared with the plain output (PNG, so only the adjustment differs).</summary>
[Collection(ImageServer.Collection)]
public sealed class AdjustmentTests : ServerTest
{
    private const string Cups = "/img/local/colorful-cups.jpg?fm=png";

    public AdjustmentTests(ImageServer fixture)
        : base(fixture)
    {
    }

    [EngineFact]
    public async Task Blur_RemovesDetail_AndSharp_AddsIt()
    {
        using var plain = await LoadAsync($"{Cups}&w=400");
        using var blurred = await LoadAsync($"{Cups}&w=400&blur=40");
        using var sharpened = await LoadAsync($"{Cups}&w=400&sharp=80");

        double plainDetail = Pixels.Detail(plain), blurDetail = Pixels.Detail(blurred), sharpDetail = Pixels.Detail(sharpened);
        Assert.Equal((400, 250), (blurred.Width, blurred.Height));
        Assert.True(blurDetail < 0.6 * plainDetail, $"blur=40: detail {blurDetail:0.00}, plain {plainDetail:0.00}");
        Assert.True(sharpDetail > 1.1 * plainDetail, $"sharp=80: detail {sharpDetail:0.00}, plain {plainDetail:0.00}");
    }

    [EngineFact]
    public async Task Rot90_SwapsTheDimensions_AndTurnsThePicture()
    {
        using var plain = await LoadAsync($"{Cups}&h=400");
        using var sut = await LoadAsync($"{Cups}&w=400&rot=90");
        using var turned = plain.Clone(ctx => ctx.Rotate(RotateMode.Rotate90));

        Assert.Equal((640, 400), (plain.Width, plain.Height));
        Assert.Equal((400, 640), (sut.Width, sut.Height));
        AssertSame(turned, sut, "rot=90 against the plain output turned a quarter clockwise");
    }

    [EngineFact]
    public async Task Rot180_KeepsTheDimensions_AndTurnsThePicture()
    {
        using var plain = await LoadAsync($"{Cups}&w=400");
        using var sut = await LoadAsync($"{Cups}&w=400&rot=180");
        using var turned = plain.Clone(ctx => ctx.Rotate(RotateMode.Rotate180));

        AssertSame(turned, sut, "rot=180 against the plain output turned half a turn");
    }

    [EngineTheory]
    [InlineData("h", FlipMode.Horizontal)]
    [InlineData("v", FlipMode.Vertical)]
    public async Task Flip_MirrorsThePixels(string flip, FlipMode mode)
    {
        using var plain = await LoadAsync($"{Cups}&w=400");
        using var sut = await LoadAsync($"{Cups}&w=400&flip={flip}");
        using var mirrored = plain.Clone(ctx => ctx.Flip(mode));

        Assert.Equal((400, 250), (sut.Width, sut.Height));
        AssertSame(mirrored, sut, $"flip={flip} against the plain output mirrored");
        Assert.True(Pixels.MeanAbsoluteDifference(plain, sut) > 10, "the flipped output must differ from the plain one");
    }

    [EngineFact]
    public async Task FlipHv_IsAHalfTurn()
    {
        using var plain = await LoadAsync($"{Cups}&w=400");
        using var sut = await LoadAsync($"{Cups}&w=400&flip=hv");
        using var turned = plain.Clone(ctx => ctx.Rotate(RotateMode.Rotate180));

        AssertSame(turned, sut, "flip=hv against the plain output turned half a turn");
    }

    private static void AssertSame(Image<Rgba32> expected, Image<Rgba32> actual, string what)
    {
        var difference = Pixels.MeanAbsoluteDifference(expected, actual);
        Assert.True(difference < Tolerances.SamePixelsAnotherWay, $"{what}: mean difference {difference:0.00}");
    }

    private async Task<Image<Rgba32>> LoadAsync(string url)
    {
        var reply = await Client.GetReplyAsync(url);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return Pixels.Load(reply.Body);
    }
}
