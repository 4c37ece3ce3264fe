using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>
/// Converts pixels tagged with an RGB matrix/TRC ICC profile (Display P3, Adobe RGB, ProPhoto…, v2 or v4) or a grey TRC
/// profile to sRGB. ImageSharp 2.1 decodes such images without converting them, so wide-gamut photos would look washed out.
/// Profiles that are sRGB already are left alone; the rest (CMYK, LUT-based) go through libvips instead (<see cref="NeedsLcms"/>).
/// </summary>
internal sealed class IccToSrgb
{
    // XYZ (D50, the ICC connection space) to linear sRGB, Bradford-adapted to D65.
    private static readonly Matrix4x4 XyzD50ToSrgb = new(
        3.1338561f, -0.9787684f, 0.0719453f, 0,
        -1.6168667f, 1.9161415f, -0.2289914f, 0,
        -0.4906146f, 0.0334540f, 1.4052427f, 0,
        0, 0, 0, 1);

    private const int OutSteps = 4096;

    private readonly float[][] _linear;
    private readonly Matrix4x4 _toSrgb;
    private readonly byte[] _encode;

    private IccToSrgb(float[][] linear, Matrix4x4 toSrgb)
    {
        _linear = linear;
        _toSrgb = toSrgb;
        _encode = new byte[OutSteps + 1];
        for (var i = 0; i <= OutSteps; i++)
        {
            var v = (double)i / OutSteps;
            var srgb = v <= 0.0031308 ? 12.92 * v : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;
            _encode[i] = (byte)Math.Clamp(Math.Round(srgb * 255), 0, 255);
        }
    }

    /// <summary>A converter for the profile, or null where there is nothing to convert (or nothing we can).</summary>
    public static IccToSrgb? TryCreate(byte[]? profile)
    {
        var matrix = profile is null ? null : IccMatrixProfile.TryParse(profile);
        if (matrix is null)
        {
            return null;
        }

        var c = matrix.Columns;
        var toXyz = new Matrix4x4(
            c[0].X, c[0].Y, c[0].Z, 0,
            c[1].X, c[1].Y, c[1].Z, 0,
            c[2].X, c[2].Y, c[2].Z, 0,
            0, 0, 0, 1);
        var combined = toXyz * XyzD50ToSrgb;

        var linear = new float[3][];
        for (var channel = 0; channel < 3; channel++)
        {
            linear[channel] = new float[256];
            for (var i = 0; i < 256; i++)
            {
                linear[channel][i] = (float)matrix.Linearize(channel, i / 255.0);
            }
        }

        return IsSrgb(combined, linear) ? null : new IccToSrgb(linear, combined);
    }

    /// <summary>
    /// True where the profile describes colour this class cannot convert (CMYK, or RGB and grey through LUTs): the source is
    /// then decoded and converted by libvips with lcms2 (<see cref="VipsSourceDecoder"/>), which also needs the CMYK samples
    /// that ImageSharp's decoder would already have turned into RGB without the profile.
    /// </summary>
    public static bool NeedsLcms(byte[]? profile) =>
        profile is not null && Colour.SourceProfile.LooksLikeIcc(profile) && IccMatrixProfile.TryParse(profile) is null
        && (profile.AsSpan(16, 4).SequenceEqual("RGB "u8) || profile.AsSpan(16, 4).SequenceEqual("GRAY"u8) || profile.AsSpan(16, 4).SequenceEqual("CMYK"u8));

    public void Apply(Image<Rgba32> image)
    {
        for (var f = 0; f < image.Frames.Count; f++)
        {
            image.Frames[f].ProcessPixelRows(accessor =>
            {
                for (var y = 0; y < accessor.Height; y++)
                {
                    foreach (ref var p in accessor.GetRowSpan(y))
                    {
                        var v = Vector3.Transform(new Vector3(_linear[0][p.R], _linear[1][p.G], _linear[2][p.B]), _toSrgb);
                        p.R = Encode(v.X);
                        p.G = Encode(v.Y);
                        p.B = Encode(v.Z);
                    }
                }
            });
        }
    }

    private byte Encode(float linear) => _encode[(int)(Math.Clamp(linear, 0f, 1f) * OutSteps)];

    private static bool IsSrgb(Matrix4x4 combined, float[][] linear)
    {
        var matrixIsIdentity =
            Math.Abs(combined.M11 - 1) < 0.02 && Math.Abs(combined.M22 - 1) < 0.02 && Math.Abs(combined.M33 - 1) < 0.02
            && Math.Abs(combined.M12) < 0.02 && Math.Abs(combined.M13) < 0.02 && Math.Abs(combined.M21) < 0.02
            && Math.Abs(combined.M23) < 0.02 && Math.Abs(combined.M31) < 0.02 && Math.Abs(combined.M32) < 0.02;
        if (!matrixIsIdentity)
        {
            return false;
        }

        for (var i = 0; i < 256; i += 5)
        {
            var v = i / 255.0;
            var srgb = v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
            if (linear.Any(channel => Math.Abs(channel[i] - srgb) > 0.01))
            {
                return false;
            }
        }

        return true;
    }
}
