using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Video.Transcode;

/// <summary>
/// Where a clip's picture goes: the size it is scaled to (<see cref="ScaledWidth"/> × <see cref="ScaledHeight"/>), then
/// cropped or padded to the output (<see cref="Width"/> × <see cref="Height"/>). Output sides are even, as 4:2:0 needs
/// (an odd side loses its last pixel), and at least 2.
/// </summary>
public sealed record ClipGeometry(int Width, int Height, int ScaledWidth, int ScaledHeight, int OffsetX, int OffsetY, string? Fill)
{
    /// <summary>The geometry of <paramref name="request"/> on a picture shown at <paramref name="displayWidth"/> × <paramref name="displayHeight"/>.</summary>
    public static ClipGeometry For(ClipRequest request, int displayWidth, int displayHeight)
    {
        var (w0, h0) = ((double)Math.Max(1, displayWidth), (double)Math.Max(1, displayHeight));
        switch (request.Width, request.Height)
        {
            case (null, null):
                return Plain(Even(w0), Even(h0));
            case ({ } w, null):
                return Plain(Even(w), Even(Even(w) * h0 / w0));
            case (null, { } h):
                return Plain(Even(Even(h) * w0 / h0), Even(h));
        }

        var (width, height) = (Even(request.Width.Value), Even(request.Height.Value));
        if (request.Fit == FitMode.Crop)
        {
            // Cover the box, then keep the part the gravity or focal point names (imgix: the focal point is centred where it can be).
            var cover = Math.Max(width / w0, height / h0);
            var (sw, sh) = (Math.Max(width, (int)Math.Ceiling((w0 * cover) - 1e-6)), Math.Max(height, (int)Math.Ceiling((h0 * cover) - 1e-6)));
            var fx = request.Crop.HasFlag(CropGravity.FocalPoint) ? request.FocalX ?? 0.5 : request.Crop.HasFlag(CropGravity.Left) ? 0 : request.Crop.HasFlag(CropGravity.Right) ? 1 : 0.5;
            var fy = request.Crop.HasFlag(CropGravity.FocalPoint) ? request.FocalY ?? 0.5 : request.Crop.HasFlag(CropGravity.Top) ? 0 : request.Crop.HasFlag(CropGravity.Bottom) ? 1 : 0.5;
            return new ClipGeometry(width, height, sw, sh, Offset(fx, sw, width), Offset(fy, sh, height), null);
        }

        var fit = Math.Min(width / w0, height / h0);
        var (fw, fh) = (Even(w0 * fit), Even(h0 * fit));
        if (request.Fit == FitMode.Fill)
        {
            var bg = request.Background;
            var colour = string.Create(CultureInfo.InvariantCulture, $"0x{bg.R:X2}{bg.G:X2}{bg.B:X2}");
            return new ClipGeometry(width, height, Math.Min(fw, width), Math.Min(fh, height), (width - Math.Min(fw, width)) / 2, (height - Math.Min(fh, height)) / 2, colour);
        }

        return Plain(Math.Min(fw, width), Math.Min(fh, height));
    }

    /// <summary>Pixels in one output frame.</summary>
    public long Pixels => (long)Width * Height;

    /// <summary>The filters after scaling that crop or pad to the output; empty where the scaled picture is the output.</summary>
    public string Placement => (ScaledWidth, ScaledHeight) == (Width, Height)
        ? ""
        : Fill is null
            ? string.Create(CultureInfo.InvariantCulture, $",crop={Width}:{Height}:{OffsetX}:{OffsetY}")
            : string.Create(CultureInfo.InvariantCulture, $",pad={Width}:{Height}:{OffsetX}:{OffsetY}:color={Fill}");

    /// <summary>swscale's size (<c>w:h</c>).</summary>
    public string Scale => string.Create(CultureInfo.InvariantCulture, $"{ScaledWidth}:{ScaledHeight}");

    private static ClipGeometry Plain(int width, int height) => new(width, height, width, height, 0, 0, null);

    private static int Even(double side) => Math.Max(2, (int)Math.Round(side, MidpointRounding.AwayFromZero) / 2 * 2);

    private static int Offset(double focus, int scaled, int kept) => Math.Clamp((int)Math.Round((focus * scaled) - (kept / 2.0)), 0, scaled - kept);
}
