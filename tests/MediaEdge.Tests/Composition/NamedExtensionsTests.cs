using MediaEdge.Composition;
using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Vips;
using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;

namespace MediaEdge.Tests.Composition;

public sealed class NamedExtensionsTests
{
    [Fact]
    public void OriginKinds_AreEveryKindInItsFolder_ByTheNameConfigurationGives()
    {
        Assert.Equal(["AzureBlob", "FileSystem", "Http", "S3"], NamedExtensions<IOriginKind>.All.Select(k => k.Name));
        Assert.Equal(["cloudflare", "imgproxy", "netlify", "nextjs"], NamedExtensions<MediaEdge.Dialects.IUrlDialect>.All.Select(d => d.Name));
        Assert.IsType<FileSystemOriginKind>(NamedExtensions<IOriginKind>.Find("FileSystem"));
        Assert.Equal("AzureBlob, FileSystem, Http or S3", NamedExtensions<IOriginKind>.Names);
    }

    [Fact]
    public void EngineKinds_AreBothEngines_AndAWrongCaseOrUnknownNameIsNone()
    {
        Assert.Equal(["imagesharp", "vips"], NamedExtensions<IEngineKind>.All.Select(k => k.Name));
        Assert.IsType<VipsEngineKind>(NamedExtensions<IEngineKind>.Find("vips"));
        Assert.IsType<ImageSharpEngineKind>(NamedExtensions<IEngineKind>.Find("imagesharp"));
        Assert.Null(NamedExtensions<IEngineKind>.Find("VIPS"));
        Assert.Null(NamedExtensions<IEngineKind>.Find(null));
    }

    [Fact]
    public void ImageSharpKind_ReadsOnlyTiffHeadersInAWorker()
    {
        var kind = new ImageSharpEngineKind();

        Assert.True(kind.IdentifiesInWorker("II*\0"u8));
        Assert.True(kind.IdentifiesInWorker("MM\0*"u8));
        Assert.False(kind.IdentifiesInWorker([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.False(new VipsEngineKind().IdentifiesInWorker("II*\0"u8));
    }
}
