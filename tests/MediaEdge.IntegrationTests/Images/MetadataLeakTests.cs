using System.Text;
using MediaEdge.IntegrationTests.Images.Generated;
using NetVips;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// No output of either engine carries what its source said about itself: EXIF (APP1, eXIf, EXIF chunk, TIFF tags), XMP
/// (APP1, iTXt, XMP chunk, GIF application data, TIFF tag 700), IPTC (APP13, TIFF tag 33723), PNG text (tEXt, zTXt, iTXt,
/// ImageMagick's "Raw profile type exif"), comments (JPEG COM, GIF comment extensions) or ICC profiles (outputs are sRGB and,
/// as the README says, carry no profile). Each source holds every kind its container can, each value marked "LEAK-…"; every
/// output format is scanned by its structure (<see cref="MetadataScan"/>) and for the marks.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class MetadataLeakTests(ImageServer fixture) : ServerTest(fixture)
{
    private const string Mark = "LEAK-";

    private static readonly Lazy<IReadOnlyDictionary<string, Source>> Sources = new(Write, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TheoryData<string, string> SourcesAndOutputs { get; } = TheoryRows.Crossed(
        ["meta.jpg", "meta.png", "meta.webp", "meta-animated.gif", "meta.tif"],
        ["", "fm=jpg", "fm=pjpg", "fm=png", "fm=png&auto=compress", "fm=webp", "fm=gif", "fm=avif&w=24"]);

    [EngineTheory]
    [MemberData(nameof(SourcesAndOutputs))]
    public async Task NoOutput_CarriesTheSourcesMetadata(string name, string query)
    {
        var source = Sources.Value[name];
        var bytes = MediaFolder.Shared.Read(source.Key);
        Assert.All(source.Visible, mark => Assert.True(Magic.Contains(bytes, mark), $"{name} should hold '{mark}'"));

        var sut = await Client.GetReplyAsync($"/img/local/{source.Key}?{query}");

        if ((query.Contains("fm=pjpg", StringComparison.Ordinal) && !Engine.EncodesProgressiveJpeg) || (query.Contains("fm=avif", StringComparison.Ordinal) && !Engine.EncodesAvif))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
            Assert.Equal("fm", sut.Problem().GetProperty("parameter").GetString());
            return;
        }

        Assert.True(sut.Status == HttpStatusCode.OK, $"{name}?{query}: {sut}");
        Assert.Empty(MetadataScan.Violations(sut.Body));
        var at = sut.Body.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Mark));
        Assert.True(at < 0, $"{name}?{query}: the output holds '{(at < 0 ? string.Empty : Encoding.ASCII.GetString(sut.Body, at, Math.Min(24, sut.Body.Length - at)))}'");
        if (!Magic.IsAvif(sut.Body) && !(Magic.IsWebp(sut.Body) && Containers.WebpChunks(sut.Body).Contains("ANMF")))
        {
            // What ImageSharp's decoders make of it too (AVIF and animated WebP they cannot read; the scan above covers them).
            var info = SixLabors.ImageSharp.Image.Identify(sut.Body);
            Assert.Null(info.Metadata.ExifProfile);
            Assert.Null(info.Metadata.XmpProfile);
            Assert.Null(info.Metadata.IptcProfile);
            Assert.Null(info.Metadata.IccProfile);
            Assert.Empty(info.Metadata.GetPngMetadata().TextData);
            Assert.Empty(info.Metadata.GetGifMetadata().Comments);
        }
    }

    private static IReadOnlyDictionary<string, Source> Write()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Artist, "LEAK-EXIF-ARTIST");
        exif.SetValue(ExifTag.Make, "LEAK-EXIF-MAKE");
        exif.SetValue(ExifTag.Model, "LEAK-EXIF-MODEL");
        exif.SetValue(ExifTag.Copyright, "LEAK-EXIF-COPYRIGHT");
        exif.SetValue(ExifTag.ImageDescription, "LEAK-EXIF-DESCRIPTION");
        exif.SetValue(ExifTag.Software, "LEAK-EXIF-SOFTWARE");
        var exifBytes = exif.ToByteArray()!;
        var tiffExif = exifBytes.AsSpan().StartsWith("Exif\0\0"u8) ? exifBytes[6..] : exifBytes;
        var xmp = Encoding.UTF8.GetBytes(
            "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>LEAK-XMP-CREATOR</rdf:li></rdf:Seq></dc:creator></rdf:Description>"
            + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");
        byte[] byline = [0x1C, 0x02, 0x50, 0x00, 16, .. "LEAK-IPTC-BYLINE"u8];
        byte[] photoshop = [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, (byte)byline.Length, .. byline, .. (byline.Length & 1) == 1 ? new byte[] { 0 } : []];

        // An sRGB profile (so colours stay as they are) whose description is a mark.
        var icc = IccProfiles.Rgb("LEAK-ICC-DESCRIPTION", 2, (0.64, 0.33), (0.30, 0.60), (0.15, 0.06), IccProfiles.SrgbCurve);

        using var picture = GeneratedMedia.FromRgba(48, 32, (x, y) => ((byte)(x * 5), (byte)(y * 7), 120, 255));
        var sources = new Dictionary<string, Source>();
        void Add(string name, byte[] bytes, params string[] visible) => sources[name] = new Source(GeneratedMedia.Write($"metadata/{name}", bytes), visible);

        var jpeg = SourceBytes.JpegWith(
            GeneratedMedia.Save(picture, ".jpg[Q=90]"),
            [
                (0xE1, [.. "Exif\0\0"u8, .. tiffExif]),
                (0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. xmp]),
                (0xED, photoshop),
                .. SourceBytes.JpegIcc(icc),
                (0xFE, "LEAK-JPEG-COMMENT"u8.ToArray()),
            ]);
        Add("meta.jpg", jpeg, "LEAK-EXIF-ARTIST", "LEAK-EXIF-MODEL", "LEAK-XMP-CREATOR", "LEAK-IPTC-BYLINE", "LEAK-ICC-DESCRIPTION", "LEAK-JPEG-COMMENT");

        var rawProfile = $"\nexif\n{tiffExif.Length + 6,8}\n{Convert.ToHexString([.. "Exif\0\0"u8, .. tiffExif]).ToLowerInvariant()}\n";
        var png = SourceBytes.PngWith(
            GeneratedMedia.Save(picture, ".png"),
            [
                SourceBytes.Iccp(icc),
                SourceBytes.Text("Author", "LEAK-PNG-TEXT-AUTHOR"),
                SourceBytes.Ztxt("Comment", "LEAK-PNG-ZTXT-COMMENT"),
                SourceBytes.Ztxt("Raw profile type exif", rawProfile),
                SourceBytes.Itxt("XML:com.adobe.xmp", Encoding.UTF8.GetString(xmp), compressed: false),
                SourceBytes.Itxt("Title", "LEAK-PNG-ITXT-TITLE", compressed: true),
                SourceBytes.PngChunk("eXIf", tiffExif),
            ]);
        Add("meta.png", png, "LEAK-PNG-TEXT-AUTHOR", "LEAK-XMP-CREATOR", "LEAK-EXIF-ARTIST");

        var simpleWebp = picture.WebpsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
        Add("meta.webp", SourceBytes.WebpWith(simpleWebp, 48, 32, icc, tiffExif, xmp), "LEAK-EXIF-ARTIST", "LEAK-XMP-CREATOR", "LEAK-ICC-DESCRIPTION");

        using var second = GeneratedMedia.FromRgba(48, 32, (x, y) => ((byte)(250 - (x * 5)), (byte)(y * 7), 40, 255));
        using var strip = picture.Join(second, Enums.Direction.Vertical);
        using var animation = strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", 32);
            m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100 });
        });
        var gif = SourceBytes.GifWith(
            animation.GifsaveBuffer(keep: Enums.ForeignKeep.None),
            SourceBytes.GifComment("LEAK-GIF-COMMENT"),
            SourceBytes.GifXmp(xmp),
            SourceBytes.GifApplication("ICCRGBG1012", icc));
        Add("meta-animated.gif", gif, "LEAK-GIF-COMMENT", "LEAK-XMP-CREATOR");

        static (ushort, ushort, int, byte[]) Ascii(ushort tag, string text) => (tag, 2, text.Length + 1, [.. Encoding.ASCII.GetBytes(text), 0]);
        static (ushort, ushort, int, byte[]) Bytes(ushort tag, byte[] data) => (tag, 7, data.Length, data);
        using var rgb = picture.ExtractBand(0, n: 3);
        var tiff = SourceBytes.Tiff(
            48,
            32,
            rgb.WriteToMemory<byte>(),
            [
                Ascii(270, "LEAK-TIFF-DESCRIPTION"), Ascii(271, "LEAK-EXIF-MAKE"), Ascii(272, "LEAK-EXIF-MODEL"), Ascii(305, "LEAK-EXIF-SOFTWARE"),
                Ascii(315, "LEAK-EXIF-ARTIST"), Ascii(33432, "LEAK-EXIF-COPYRIGHT"), Bytes(700, xmp), Bytes(33723, byline), Bytes(34675, icc),
            ],
            [Bytes(37510, [.. "ASCII\0\0\0"u8, .. "LEAK-EXIF-USERCOMMENT"u8])]);
        Add("meta.tif", tiff, "LEAK-TIFF-DESCRIPTION", "LEAK-EXIF-ARTIST", "LEAK-EXIF-MODEL", "LEAK-XMP-CREATOR", "LEAK-IPTC-BYLINE", "LEAK-ICC-DESCRIPTION", "LEAK-EXIF-USERCOMMENT");
        return sources;
    }

    private sealed record Source(string Key, string[] Visible);
}
