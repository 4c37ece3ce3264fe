using MediaEdge.BuiltIns;
using MediaEdge.Composition;
using MediaEdge.Dialects;
using MediaEdge.Imaging;
using MediaEdge.Imaging.Vips;
using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;
using MediaEdge.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Composition;

/// <summary>
/// Engines, origin kinds and URL dialects are registered by their folders' <c>Add…()</c> and looked up by name: the
/// host serves the shipped ones, and an embedder's own, registered beside them, is served the same way.
/// </summary>
public sealed class ExtensionRegistrationTests
{
    [Fact]
    public async Task TheHost_ServesEveryShippedExtension_ByTheNameConfigurationGives()
    {
        await using var server = await MediaEdgeServer.StartAsync();

        Assert.Equal(["imagesharp", "vips"], server.Services.GetRequiredService<NamedExtensions<IEngineKind>>().All.Select(e => e.Name));
        Assert.Equal(["AzureBlob", "FileSystem", "Http", "S3"], server.Services.GetRequiredService<NamedExtensions<IOriginKind>>().All.Select(k => k.Name));
        Assert.Equal(["cloudflare", "imgproxy", "netlify", "nextjs"], server.Services.GetRequiredService<NamedExtensions<IUrlDialect>>().All.Select(d => d.Name));
        Assert.Equal(["imagesharp", "vips"], BuiltInExtensions.Engines().All.Select(e => e.Name));
    }

    [Fact]
    public async Task AnEmbeddersDialect_RegisteredBesideTheShippedOnes_IsServedAtItsRoute()
    {
        await using var server = await MediaEdgeServer.StartAsync(services: s => s.AddExtension<IUrlDialect>(new WidthPathDialect()));

        var reply = await server.GetAsync("/width/120/colorful-cups.jpg");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(Magic.IsJpeg(reply.Body));
        Assert.Equal(120, Pixels.Size(reply.Body).Width);
    }

    [Fact]
    public async Task AnEmbeddersOriginKind_IsTheOneASourcesKindNames()
    {
        await using var server = await MediaEdgeServer.StartAsync(
            new Dictionary<string, string?> { ["MediaEdge:Sources:shared:Kind"] = SharedMediaKind.KindName },
            services: s => s.AddExtension<IOriginKind>(new SharedMediaKind()));

        var reply = await server.GetAsync("/img/shared/colorful-cups.jpg?w=90&fm=png");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(Magic.IsPng(reply.Body));
        Assert.Equal(90, Pixels.Size(reply.Body).Width);
    }

    [Fact]
    public void AnUnknownKind_StopsTheStart_ListingTheRegisteredKinds_TheEmbeddersToo()
    {
        var e = Assert.Throws<OptionsValidationException>(() => MediaEdgeHost.Build(
            ["--urls=http://127.0.0.1:0", $"--contentRoot={AppContext.BaseDirectory}", "--MediaEdge:Sources:other:Kind=Nfs"],
            builder => builder.Services.AddExtension<IOriginKind>(new SharedMediaKind())));

        Assert.Contains("MediaEdge:Sources:other:Kind must be AzureBlob, FileSystem, Http, S3 or SharedMedia (got 'Nfs').", e.Failures);
    }

    [Fact]
    public void TwoExtensionsWithOneName_StopTheStart_NamingBoth()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MediaEdgeHost.Build(
            ["--urls=http://127.0.0.1:0", $"--contentRoot={AppContext.BaseDirectory}"],
            builder => builder.Services.AddVipsEngine()));

        Assert.Contains("Two IEngineKind extensions are named 'vips'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A dialect of the test's own: <c>/width/{w}/{key}</c> is <c>/img/local/{key}?w={w}</c>.</summary>
    private sealed class WidthPathDialect : IUrlDialect
    {
        public string Name => "width-path";

        public string Route => "/width/{w:int}/{**key}";

        public DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources) =>
            new(sources.DefaultSource, routeValues["key"]!, [new("w", routeValues["w"]!)]);
    }

    /// <summary>An origin kind of the test's own, with no settings: the test media folder.</summary>
    private sealed class SharedMediaKind : IOriginKind
    {
        public const string KindName = "SharedMedia";

        public string Name => KindName;

        public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors)
        {
        }

        public IOrigin Create(string name, SourceOptions source, string contentRoot) => new FileSystemOrigin(name, MediaFolder.Shared.Root);
    }
}
