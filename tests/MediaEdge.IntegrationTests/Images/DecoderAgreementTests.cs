using MediaEdge.IntegrationTests.Images.Generated;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// The checks the service runs before a decoder (magic bytes, container walks, truncation checks) agree with what the
/// decoders themselves accept: every supported format, written by a real encoder, then varied the way real files vary
/// (<see cref="SourceVariants.Benign"/>), is read whole by a reference decoder in the test and so must be served as the
/// same picture; and a file that leaves part of its picture missing (<see cref="SourceVariants.Broken"/>) is a 422
/// naming the fault, never a partly drawn image, in every output format.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class DecoderAgreementTests(ImageServer fixture) : ServerTest(fixture)
{
    public static TheoryData<string> BenignNames => [.. SourceVariants.Benign().Select(v => v.Name)];

    public static TheoryData<string> BrokenNames => [.. SourceVariants.Broken().Select(f => f.Name)];

    [EngineTheory]
    [MemberData(nameof(BenignNames))]
    public async Task BenignVariation_TheDecoderReadsWhole_IsServedAsTheSamePicture(string name)
    {
        var variant = SourceVariants.Benign().Single(v => v.Name == name);
        using var reference = Reference(SourceVariants.Bases[variant.Base]);
        using (var decoded = Reference(variant.Bytes))
        {
            Likeness.AssertClose(reference, decoded, Tolerances.SamePixelsAnotherWay, $"{name}: the reference decoder's own reading of it against its base");
        }

        var key = GeneratedMedia.Write($"agreement/{Engine.Name}/{name}", variant.Bytes);
        using var served = await Client.GetPixelsAsync($"/img/local/{key}?fm=png");
        await Client.GetOkAsync($"/img/local/{key}?fm=json");

        Assert.Equal((SourceVariants.Width, SourceVariants.Height), (served.Width, served.Height));
        Likeness.AssertClose(reference, served, Tolerances.Decoding, $"{name} served, against the decoder's reading of its base");
    }

    [EngineTheory]
    [MemberData(nameof(BrokenNames))]
    public async Task BrokenSource_Is422NamingTheFault_InEveryOutput(string name)
    {
        var fault = SourceVariants.Broken().Single(f => f.Name == name);
        var key = GeneratedMedia.Write($"agreement/{Engine.Name}/{name}", fault.Bytes);

        foreach (var fm in new[] { "png", "jpg", "webp" })
        {
            var sut = await Client.GetReplyAsync($"/img/local/{key}?fm={fm}");

            Assert.True(sut.Status == HttpStatusCode.UnprocessableEntity, $"{name} fm={fm}: {sut} {ImageReplies.ProblemText(sut)}");
            var problem = sut.Problem();
            Assert.Equal("urn:mediaedge:problem:undecodable", problem.GetProperty("type").GetString());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains(fault.Names, detail, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(FormatName(name), detail, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The picture a decoder that reads the whole file draws: ImageSharp, or libvips where ImageSharp has a bug of its own (1-byte IDAT chunks).</summary>
    private static Image<Rgba32> Reference(byte[] bytes)
    {
        try
        {
            return Image.Load<Rgba32>(bytes);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            using var decoded = NetVips.Image.NewFromBuffer(bytes, failOn: NetVips.Enums.FailOn.Error);
            using var rgba = decoded.Bandjoin(255);
            return Image.LoadPixelData<Rgba32>(rgba.WriteToMemory<byte>(), rgba.Width, rgba.Height);
        }
    }

    private static string FormatName(string name) => name.Split('-')[0] switch
    {
        "jpeg" => "JPEG",
        "png" => "PNG",
        "gif" => "GIF",
        "bmp" => "BMP",
        "webp" => "WebP",
        "tiff" => "TIFF",
        var other => other,
    };
}
