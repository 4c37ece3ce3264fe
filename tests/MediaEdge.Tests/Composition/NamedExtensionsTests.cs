using MediaEdge.Composition;
using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Vips;
using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Tests.Composition;

public sealed class NamedExtensionsTests
{
    [Fact]
    public void In_IsWhatEachFoldersAddRegistered_ByTheNameConfigurationGives_InOrdinalOrder()
    {
        Assert.Equal(["AzureBlob", "FileSystem", "Http", "S3"], Registered.Origins.All.Select(k => k.Name));
        Assert.Equal(["cloudflare", "imgproxy", "netlify", "nextjs"], Registered.Dialects.All.Select(d => d.Name));
        Assert.IsType<FileSystemOriginKind>(Registered.Origins.Find("FileSystem"));
        Assert.Equal("AzureBlob, FileSystem, Http or S3", Registered.Origins.Names);
    }

    [Fact]
    public void TheProvider_ResolvesTheSameExtensions_AsReadBeforeItWasBuilt()
    {
        using var provider = Registered.Services().BuildServiceProvider();

        Assert.Equal(Registered.Origins.All.Select(k => k.Name), provider.GetRequiredService<NamedExtensions<IOriginKind>>().All.Select(k => k.Name));
        Assert.Equal(Registered.Engines.All.Select(k => k.Name), provider.GetRequiredService<NamedExtensions<IEngineKind>>().All.Select(k => k.Name));
    }

    [Fact]
    public void EngineKinds_AreBothEngines_AndAWrongCaseOrUnknownNameIsNone()
    {
        Assert.Equal(["imagesharp", "vips"], Registered.Engines.All.Select(k => k.Name));
        Assert.IsType<VipsEngineKind>(Registered.Engines.Find("vips"));
        Assert.IsType<ImageSharpEngineKind>(Registered.Engines.Find("imagesharp"));
        Assert.Null(Registered.Engines.Find("VIPS"));
        Assert.Null(Registered.Engines.Find(null));
    }

    [Fact]
    public void TwoExtensionsWithOneName_AreRefused_NamingBothTypes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NamedExtensions<IEngineKind>.In(new ServiceCollection().AddVipsEngine().AddVipsEngine()));

        Assert.Equal($"Two IEngineKind extensions are named 'vips': {typeof(VipsEngineKind)} and {typeof(VipsEngineKind)}.", e.Message);
    }

    [Fact]
    public void NoneRegistered_IsNamedSo()
    {
        var none = NamedExtensions<IEngineKind>.In(new ServiceCollection());

        Assert.Empty(none.All);
        Assert.Equal("(none)", none.Names);
        Assert.Null(none.Find("vips"));
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
