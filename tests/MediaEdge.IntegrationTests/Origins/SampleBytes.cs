namespace MediaEdge.IntegrationTests.Origins;

/// <summary>Bodies the origin tests serve: the checked-in media, or reproducible noise.</summary>
public static class SampleBytes
{
    public static byte[] Media(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", name));

    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
