namespace MediaEdge.Imaging;

/// <summary>
/// The geometry of one transform, engine-neutral: take <see cref="Crop"/> from the (oriented, rotated) image,
/// resize it to <see cref="ResizeWidth"/> × <see cref="ResizeHeight"/>, and place it at
/// (<see cref="OffsetX"/>, <see cref="OffsetY"/>) on a <see cref="CanvasWidth"/> × <see cref="CanvasHeight"/> canvas.
/// </summary>
public sealed record ResizePlan(PixelRect Crop, int ResizeWidth, int ResizeHeight, int CanvasWidth, int CanvasHeight, int OffsetX, int OffsetY)
{
    public bool Pads => CanvasWidth != ResizeWidth || CanvasHeight != ResizeHeight;

    public long OutputPixels => (long)CanvasWidth * CanvasHeight;

    /// <summary>True where the plan resizes the whole <paramref name="width"/> × <paramref name="height"/> image: no crop, no padding.</summary>
    public bool IsWholeImage(int width, int height) =>
        Crop.X == 0 && Crop.Y == 0 && Crop.Width == width && Crop.Height == height && !Pads;
}
