using MediaEdge.Imaging.Vips;
using MediaEdge.IntegrationTests.Images.Generated;
using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// The vips engine skips the colour transform of a source whose embedded profile is sRGB itself; only a profile that maps
/// every 8-bit value to itself may count as one (other primaries, another tone curve, a LUT or a grey profile do not).
/// </summary>
public sealed class SrgbProfileTests
{
    public static TheoryData<string, bool> Profiles() => new()
    {
        { "sRGB v4 (matrix and parametric curve)", true },
        { "libvips's own sRGB profile", true },
        { "the sRGB profile a camera embedded (colorful-cups.jpg)", true },
        { "Display P3 v4 (sRGB's curve, other primaries)", false },
        { "Adobe RGB v2", false },
        { "sRGB primaries with a gamma 2.2 curve", false },
        { "sRGB primaries with a gamma 1.8 curve", false },
        { "grey, linear", false },
        { "sRGB v4 cut to 200 bytes", false },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EmbeddedProfile_IsSrgb_OnlyWhenItMapsEveryValueToItself(string profile, bool srgb)
    {
        Assert.Equal(srgb, SrgbIcc.Is(Bytes(profile)));
    }

    private static byte[] Bytes(string profile) => profile switch
    {
        "sRGB v4 (matrix and parametric curve)" => IccProfiles.SrgbV4,
        "libvips's own sRGB profile" => VipsSrgb(),
        "the sRGB profile a camera embedded (colorful-cups.jpg)" => Embedded(MediaFolder.Shared.PathOf("colorful-cups.jpg")),
        "Display P3 v4 (sRGB's curve, other primaries)" => IccProfiles.DisplayP3V4,
        "Adobe RGB v2" => IccProfiles.AdobeRgbV2,
        "sRGB primaries with a gamma 2.2 curve" => IccProfiles.Rgb("sRGB 2.2 (test)", 2, (0.64, 0.33), (0.30, 0.60), (0.15, 0.06), 2.2),
        "sRGB primaries with a gamma 1.8 curve" => IccProfiles.Rgb("sRGB 1.8 (test)", 4, (0.64, 0.33), (0.30, 0.60), (0.15, 0.06), 1.8),
        "grey, linear" => IccProfiles.GreyLinearV2,
        "sRGB v4 cut to 200 bytes" => IccProfiles.SrgbV4[..200],
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "no such case"),
    };

    /// <summary>The profile libvips attaches when it transforms to its built-in sRGB.</summary>
    private static byte[] VipsSrgb()
    {
        using var black = VImage.Black(4, 4, bands: 3);
        using var rgb = black.Copy(interpretation: Enums.Interpretation.Srgb);
        using var lab = rgb.Colourspace(Enums.Interpretation.Lab);
        using var transformed = lab.IccExport(outputProfile: "srgb");
        return (byte[])transformed.Get("icc-profile-data");
    }

    private static byte[] Embedded(string path)
    {
        using var image = VImage.NewFromFile(path);
        return (byte[])image.Get("icc-profile-data");
    }
}
