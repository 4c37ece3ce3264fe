namespace MediaEdge.Imaging;

/// <summary>What a TIFF's first directory says (<see cref="ContainerProbe.ReadTiff"/>); -1 where Photometric is absent.</summary>
/// <param name="NextPageLink">The offset of the 4-byte link to a second page, or 0 where this is the only page.</param>
public sealed record TiffPage(int Compression, int Photometric, int SampleFormat, int BitsPerSample, int Orientation, int NextPageLink)
{
    /// <summary>LogLuv and LogL (SGI's high-dynamic-range encodings), by photometric interpretation or compression.</summary>
    public bool IsLogLuv => Photometric is 32844 or 32845 || Compression is 34676 or 34677;

    public bool HasPages => NextPageLink > 0;

    /// <summary>The compression's name, for a problem's detail.</summary>
    public string CompressionName => Compression switch
    {
        1 => "uncompressed",
        2 or 3 or 4 => "CCITT",
        5 => "LZW",
        6 => "old-style JPEG",
        7 => "JPEG",
        8 or 32946 => "Deflate",
        32773 => "PackBits",
        34676 or 34677 => "SGILog (LogLuv)",
        34712 => "JPEG 2000",
        34925 => "LZMA",
        50000 => "Zstandard",
        50001 => "WebP",
        50002 => "JPEG XL",
        _ => $"compression {Compression}",
    };
}
