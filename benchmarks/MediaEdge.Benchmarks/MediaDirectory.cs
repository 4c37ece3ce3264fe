namespace MediaEdge.Benchmarks;

/// <summary>
/// Where the benchmark photos are: <c>MEDIAEDGE_BENCH_MEDIA</c>, else <c>../shared/media/photos</c> beside the repository.
/// The photos are read at run time and never committed.
/// </summary>
internal static class MediaDirectory
{
    public const string Variable = "MEDIAEDGE_BENCH_MEDIA";

    public static byte[] Read(string fileName)
    {
        var (folder, origin) = Locate();
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Benchmark photo '{fileName}' not found at {path} (folder from {origin}). "
                + $"Set {Variable} to the folder holding safe-landing-5k.jpg and colorful-cups.jpg, e.g. /work/shared/media/photos.",
                path);
        }

        return File.ReadAllBytes(path);
    }

    private static (string Folder, string Origin) Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (Path.GetFullPath(configured), Variable);
        }

        // BenchmarkDotNet runs each job from a generated project below bin/, so walk up to the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaEdge.sln")))
            {
                return (Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "media", "photos")), $"the default ../shared/media/photos from repository root {dir.FullName}");
            }
        }

        throw new DirectoryNotFoundException(
            $"{Variable} is not set and no MediaEdge.sln was found above {AppContext.BaseDirectory} to resolve the default ../shared/media/photos. Set {Variable} to the photo folder.");
    }
}
