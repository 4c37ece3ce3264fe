namespace MediaEdge.Tests;

/// <summary>The images in the repository's samples folder, the embedded default origin.</summary>
internal static class Samples
{
    public static string Folder { get; } = FindFolder();

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "colorful-cups.jpg")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The repository's samples folder was not found above " + AppContext.BaseDirectory);
    }
}
