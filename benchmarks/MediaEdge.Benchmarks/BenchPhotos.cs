namespace MediaEdge.Benchmarks;

/// <summary>The shared photos every engine comparison runs on.</summary>
internal static class BenchPhotos
{
    /// <summary>5120x2880 baseline JPEG (4.2 MB), 2560x1600 progressive JPEG with an ICC profile, 1080x1920 PNG, 4096x4096 lossy WebP.</summary>
    public static readonly IReadOnlyList<string> All = ["safe-landing-5k.jpg", "colorful-cups.jpg", "altai-portrait.png", "wood.webp"];
}
