using MediaEdge.Composition;
using MediaEdge.Dialects.Cloudflare;
using MediaEdge.Dialects.Imgproxy;
using MediaEdge.Dialects.Netlify;
using MediaEdge.Dialects.NextJs;
using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Vips;
using MediaEdge.Origins.AzureBlob;
using MediaEdge.Origins.FileSystem;
using MediaEdge.Origins.Http;
using MediaEdge.Origins.S3;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.BuiltIns;

/// <summary>The engines, origin kinds and URL dialects MediaEdge ships, each registered by its own folder's <c>Add…()</c>; nothing in the library depends on this folder.</summary>
public static class BuiltInExtensions
{
    /// <summary>
    /// Registers every shipped extension: engines vips and imagesharp; origin kinds FileSystem, Http, AzureBlob and S3;
    /// dialects nextjs, netlify, cloudflare and imgproxy. An embedder adds its own beside them with
    /// <see cref="Composition.ExtensionRegistration.AddExtension{T}"/> (a duplicate name stops the start).
    /// </summary>
    public static IServiceCollection AddMediaEdgeBuiltIns(this IServiceCollection services) => services
        .AddVipsEngine()
        .AddImageSharpEngine()
        .AddFileSystemOrigin()
        .AddHttpOrigin()
        .AddAzureBlobOrigin()
        .AddS3Origin()
        .AddNextJsDialect()
        .AddNetlifyDialect()
        .AddCloudflareDialect()
        .AddImgproxyDialect();

    /// <summary>The shipped engines, for a render worker process, which has no host.</summary>
    public static NamedExtensions<IEngineKind> Engines() => NamedExtensions<IEngineKind>.In(new ServiceCollection().AddVipsEngine().AddImageSharpEngine());
}
