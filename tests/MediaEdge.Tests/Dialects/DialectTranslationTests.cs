using MediaEdge.Dialects;
using MediaEdge.Dialects.Imgproxy;
using MediaEdge.Dialects.Netlify;
using MediaEdge.Dialects.NextJs;

namespace MediaEdge.Tests.Dialects;

/// <summary>
/// Each dialect's documented URLs and what it refuses, one table for all: Netlify Image CDN's examples
/// (docs.netlify.com/image-cdn/overview), Next.js's image optimizer (its documented sizes and its parameter checks, messages
/// included), Cloudflare's "Transform via URL" (its options, a slash, then the source) and imgproxy's processing URLs
/// (docs.imgproxy.net/usage/processing).
/// </summary>
public sealed class DialectTranslationTests
{
    [Theory]
    [InlineData("netlify", "url=/owl.jpeg&w=50", "local", "owl.jpeg", "w=50&fit=clip&q=75&auto=format")]
    [InlineData("netlify", "url=/owl.jpeg&fit=cover&w=50&h=50&position=left&fm=webp&q=80", "local", "owl.jpeg", "w=50&h=50&fm=webp&fit=crop&crop=left&q=80")]
    [InlineData("netlify", "url=/photo.jpg&w=800&h=600&fit=cover&q=80", "local", "photo.jpg", "w=800&h=600&fit=crop&q=80&auto=format")]
    [InlineData("netlify", "url=/photo.jpg&w=300&h=300&fit=fill", "local", "photo.jpg", "w=300&h=300&fit=scale&q=75&auto=format")]
    [InlineData("netlify", "url=/photo.jpg&fm=avif", "local", "photo.jpg", "fm=avif&fit=clip&q=75")]
    [InlineData("netlify", "url=https%3A%2F%2Fimages.example.com%2Fassets%2Fa%2Fb.png&w=200", "cdn", "a/b.png", "w=200&fit=clip&q=75&auto=format")]
    [InlineData("nextjs", "url=%2Fproducts%2Fshoe.jpg&w=640&q=75", "local", "products/shoe.jpg", "w=640&q=75&fit=max&auto=format")]
    [InlineData("nextjs", "url=/photo.png&w=3840&q=100", "local", "photo.png", "w=3840&q=100&fit=max&auto=format")]
    [InlineData("nextjs", "url=/icon.png&w=16&q=1", "local", "icon.png", "w=16&q=1&fit=max&auto=format")]
    [InlineData("nextjs", "url=/a%20b.jpg?v=3&w=828&q=75", "local", "a b.jpg", "w=828&q=75&fit=max&auto=format")]
    [InlineData("nextjs", "url=https%3A%2F%2Fimages.example.com%2Fassets%2Fhero%2Fbig.jpg&w=1080&q=80", "cdn", "hero/big.jpg", "w=1080&q=80&fit=max&auto=format")]
    [InlineData("cloudflare", "width=80,quality=75/uploads/avatar1.jpg", "local", "uploads/avatar1.jpg", "w=80&q=75&fit=clip")]
    [InlineData("cloudflare", "width=400,quality=80,format=auto/uploads/hero.jpg", "local", "uploads/hero.jpg", "w=400&q=80&fit=clip&auto=format")]
    [InlineData("cloudflare", "width=800,height=600,fit=cover,gravity=0.5x0.3/a.jpg", "local", "a.jpg", "w=800&h=600&crop=focalpoint&fp-x=0.5&fp-y=0.3&fit=crop")]
    [InlineData("cloudflare", "w=300,h=300,fit=pad,background=%23ff8800/a.jpg", "local", "a.jpg", "w=300&h=300&bg=ff8800&fit=fill")]
    [InlineData("cloudflare", "fit=scale-down,width=1200,f=webp,dpr=2/a.jpg", "local", "a.jpg", "w=1200&fm=webp&dpr=2&fit=max")]
    [InlineData("cloudflare", "width=100,fit=squeeze,height=50,rotate=90,metadata=none,format=jpeg/a.jpg", "local", "a.jpg", "w=100&h=50&rot=90&fm=jpg&fit=scale")]
    [InlineData("cloudflare", "fit=cover,g=top,w=64,h=64/a.jpg", "local", "a.jpg", "crop=top&w=64&h=64&fit=crop")]
    [InlineData("cloudflare", "width=640/https://images.example.com/assets/hero/big.jpg", "cdn", "hero/big.jpg", "w=640&fit=clip")]
    // The docs' example URL (resize:fill:300:400:0, quality:80, plain@png), its preset and smart gravity left out.
    [InlineData("imgproxy", "insecure/resize:fill:300:400:0/quality:80/plain/http://example.com/images/curiosity.jpg@png", "docs", "curiosity.jpg", "w=300&h=400&fit=min&q=80&fm=png")]
    // The same in short names, the source URL base64url-encoded and split by '/', as the docs' example does.
    [InlineData("imgproxy", "insecure/rs:fill:300:400:0/q:80/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png", "docs", "curiosity.jpg", "w=300&h=400&fit=min&q=80&fm=png")]
    [InlineData("imgproxy", "insecure/rs:fit:300:400/aHR0cDovL2V4YW1wbGUuY29tL2ltYWdlcy9jdXJpb3NpdHkuanBn", "docs", "curiosity.jpg", "w=300&h=400&fit=max&auto=format")]
    [InlineData("imgproxy", "insecure/rs:fill:300:400:1/g:nowe/plain/local:///cups.jpg", "local", "cups.jpg", "w=300&h=400&fit=crop&crop=top,left&auto=format")]
    [InlineData("imgproxy", "insecure/rs:fill-down:300:400/g:soea/plain/local:///cups.jpg", "local", "cups.jpg", "w=300&h=400&fit=min&crop=bottom,right&auto=format")]
    [InlineData("imgproxy", "insecure/w:500/el:1/plain/s3://photo-bucket/a/b.jpg@webp", "photos", "a/b.jpg", "w=500&fit=clip&fm=webp")]
    [InlineData("imgproxy", "insecure/s:200:0/g:fp:0.3:0.6/rt:fill/plain/abs://media/c.png", "azure", "c.png", "w=200&fit=min&crop=focalpoint&fp-x=0.3&fp-y=0.6&auto=format")]
    [InlineData("imgproxy", "insecure/rs:force:100:50/f:jpg/bg:255:0:0/bl:2/sh:0.57/rot:90/fl:1:0/sm:1/plain/local:///a.png", "local", "a.png", "w=100&h=50&fit=scale&fm=jpg&bg=ff0000&blur=20&sharp=10&rot=90&flip=v")]
    [InlineData("imgproxy", "insecure/w:300/dpr:2/bg:FFF/rot:-180/fl:1:1/plain/local:///a.jpg@jpeg", "local", "a.jpg", "w=300&fit=max&dpr=2&fm=jpg&bg=fff&rot=180&flip=hv")]
    [InlineData("imgproxy", "insecure/rs:auto:300:0/g:ce/plain/http://example.com/images/dir/x%20y.jpg", "docs", "dir/x y.jpg", "w=300&fit=max&auto=format")]
    [InlineData("imgproxy", "anything-when-unsigned/plain/local:///a.jpg", "local", "a.jpg", "auto=format")]
    [InlineData("imgproxy", "insecure/w%3A300/plain/local:///a.jpg", "local", "a.jpg", "w=300&fit=max&auto=format")]
    public void Translate_DocumentedUrl_IsThatSourceKeyAndImgixParameters(string dialect, string request, string source, string key, string imgix)
    {
        DialectCases.AssertTranslated(Translate(dialect, request), source, key, imgix);
    }

    [Theory]
    [InlineData("netlify", "w=50", "url", "url is required")]
    [InlineData("netlify", "url=/a.jpg&w=0", "w", "greater than 0")]
    [InlineData("netlify", "url=/a.jpg&h=tall", "h", "greater than 0")]
    [InlineData("netlify", "url=/a.jpg&fit=inside", "fit", "contain, cover or fill")]
    [InlineData("netlify", "url=/a.jpg&w=50&h=50&position=left", "position", "only with fit=cover")]
    [InlineData("netlify", "url=/a.jpg&fit=cover&position=north", "position", "center, top, bottom, left or right")]
    [InlineData("netlify", "url=/a.jpg&fm=blurhash", "fm", "BlurHash")]
    [InlineData("netlify", "url=/a.jpg&fm=tiff", "fm", "avif, webp, jpg, png or gif")]
    [InlineData("netlify", "url=/a.jpg&q=0", "q", "1 to 100")]
    [InlineData("netlify", "url=/a.jpg&blur=5", "blur", "not a Netlify Image CDN parameter")]
    [InlineData("netlify", "url=https%3A%2F%2Fevil.example%2Fa.jpg", "url", "under no configured Http source")]
    [InlineData("nextjs", "w=640&q=75", "url", "\"url\" parameter is required")]
    [InlineData("nextjs", "url=/a.jpg&url=/b.jpg&w=640&q=75", "url", "\"url\" parameter cannot be an array")]
    [InlineData("nextjs", "url=/_next/image%3Furl%3D%2Fa.jpg&w=640&q=75", "url", "\"url\" parameter cannot be recursive")]
    [InlineData("nextjs", "url=/a.jpg&q=75", "w", "\"w\" parameter (width) is required")]
    [InlineData("nextjs", "url=/a.jpg&w=640&w=750&q=75", "w", "\"w\" parameter (width) cannot be an array")]
    [InlineData("nextjs", "url=/a.jpg&w=-1&q=75", "w", "\"w\" parameter (width) must be an integer greater than 0")]
    [InlineData("nextjs", "url=/a.jpg&w=abc&q=75", "w", "\"w\" parameter (width) must be an integer greater than 0")]
    [InlineData("nextjs", "url=/a.jpg&w=641&q=75", "w", "\"w\" parameter (width) of 641 is not allowed")]
    [InlineData("nextjs", "url=/a.jpg&w=640", "q", "\"q\" parameter (quality) is required")]
    [InlineData("nextjs", "url=/a.jpg&w=640&q=0", "q", "\"q\" parameter (quality) must be an integer between 1 and 100")]
    [InlineData("nextjs", "url=/a.jpg&w=640&q=101", "q", "\"q\" parameter (quality) must be an integer between 1 and 100")]
    [InlineData("nextjs", "url=https%3A%2F%2Fevil.example%2Fa.jpg&w=640&q=75", "url", "under no configured Http source")]
    [InlineData("nextjs", "url=%2F%2Fevil.example%2Fa.jpg&w=640&q=75", "url", "must be a path starting with '/'")]
    [InlineData("nextjs", "url=ftp%3A%2F%2Fimages.example.com%2Fassets%2Fa.jpg&w=640&q=75", "url", "must be a path starting with '/'")]
    [InlineData("cloudflare", ",/a.jpg", "options", "At least one option")]
    [InlineData("cloudflare", "width=0/a.jpg", "width", "whole number from 1")]
    [InlineData("cloudflare", "quality=high/a.jpg", "quality", "from 1 to 100")]
    [InlineData("cloudflare", "format=json/a.jpg", "format", "json are not produced")]
    [InlineData("cloudflare", "fit=crop/a.jpg", "fit", "no MediaEdge equivalent")]
    [InlineData("cloudflare", "gravity=auto/a.jpg", "gravity", "saliency or face detection")]
    [InlineData("cloudflare", "gravity=2x0.5/a.jpg", "gravity", "a point XxY")]
    [InlineData("cloudflare", "background=red/a.jpg", "background", "hex colour")]
    [InlineData("cloudflare", "rotate=45/a.jpg", "rotate", "90, 180 or 270")]
    [InlineData("cloudflare", "metadata=keep/a.jpg", "metadata", "strips all metadata")]
    [InlineData("cloudflare", "blur=20/a.jpg", "blur", "not a Cloudflare option MediaEdge maps")]
    [InlineData("cloudflare", "onerror=redirect/a.jpg", "onerror", "not a Cloudflare option MediaEdge maps")]
    [InlineData("imgproxy", "insecure/pr:sharp/plain/local:///a.jpg", "pr", "presets")]
    [InlineData("imgproxy", "insecure/preset:sharp/plain/local:///a.jpg", "preset", "presets")]
    [InlineData("imgproxy", "insecure/rs:fill:300:400/g:sm/plain/local:///a.jpg", "g", "smart")]
    [InlineData("imgproxy", "insecure/g:no:10:20/plain/local:///a.jpg", "g", "offsets")]
    [InlineData("imgproxy", "insecure/ex:1/plain/local:///a.jpg", "ex", "extend")]
    [InlineData("imgproxy", "insecure/rs:fit:300:300:0:1/plain/local:///a.jpg", "rs", "extend")]
    [InlineData("imgproxy", "insecure/f:best/plain/local:///a.jpg", "f", "best")]
    [InlineData("imgproxy", "insecure/plain/local:///a.jpg@tiff", "extension", "jpg, png, webp, avif or gif")]
    [InlineData("imgproxy", "insecure/rs:auto:300:400/plain/local:///a.jpg", "resizing_type", "orientation")]
    [InlineData("imgproxy", "insecure/wm:0.5/plain/local:///a.jpg", "wm", "not supported")]
    [InlineData("imgproxy", "insecure/rot:45/plain/local:///a.jpg", "rot", "multiple of 90")]
    [InlineData("imgproxy", "insecure/q:101/plain/local:///a.jpg", "q", "0 (the default) to 100")]
    [InlineData("imgproxy", "insecure/plain/ftp://example.com/a.jpg", "url", "'ftp://example.com/a.jpg'")]
    [InlineData("imgproxy", "insecure/plain/s3://other-bucket/a.jpg", "url", "'other-bucket'")]
    [InlineData("imgproxy", "insecure/plain/abs://other/a.jpg", "url", "no AzureBlob source")]
    [InlineData("imgproxy", "insecure/plain/https://evil.example/a.jpg", "url", "under no configured Http source")]
    [InlineData("imgproxy", "insecure/fill/300/400/ce/0/aHR0cDovL2V4YW1wbGUuY29tL2EuanBn", "url", "deprecated basic URL format")]
    [InlineData("imgproxy", "insecure/enc/AAAA", "enc", "Encrypted")]
    [InlineData("imgproxy", "insecure/rs:fit:300:0/not*base64.png", "url", "Invalid url encoding")]
    [InlineData("imgproxy", "insecure/plain/local:///a.jpg@png@webp", "url", "Multiple formats")]
    [InlineData("imgproxy", "rs:fit:300:300/plain/local:///a.jpg", "signature", "processing option")]
    public void Translate_WhatItCannotHonour_Is400NamingTheParameter_WithItsMessage(string dialect, string request, string parameter, string message)
    {
        DialectCases.AssertRefused(() => Translate(dialect, request), parameter, message);
    }

    /// <summary>Translates <paramref name="request"/>: a query string, Cloudflare's options and source, or an imgproxy path.</summary>
    private static DialectRequest Translate(string dialect, string request) => dialect switch
    {
        "netlify" => DialectCases.Translate(new NetlifyImageDialect(), request),
        "nextjs" => DialectCases.Translate(new NextImageDialect(), request),
        "cloudflare" => CloudflareImageDialectTests.Translate(Uri.UnescapeDataString(request[..request.IndexOf('/', StringComparison.Ordinal)]), request[(request.IndexOf('/', StringComparison.Ordinal) + 1)..]),
        "imgproxy" => ImgproxyDialectTests.Translate(new ImgproxyDialect(), request),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "no such dialect"),
    };
}
