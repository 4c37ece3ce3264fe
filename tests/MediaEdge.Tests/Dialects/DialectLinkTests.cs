using MediaEdge.Dialects;
using MediaEdge.Dialects.Cloudflare;
using MediaEdge.Dialects.Imgproxy;
using MediaEdge.Dialects.Netlify;
using MediaEdge.Dialects.NextJs;
using MediaEdge.Requests;

namespace MediaEdge.Tests.Dialects;

/// <summary>
/// Each dialect's <see cref="IUrlDialect.Link"/>: the URL it writes for imgix parameters, which its own parser reads back
/// as the same request, or the reason it cannot say them.
/// </summary>
public sealed class DialectLinkTests
{
    private const string Key = "cups/colorful cups.jpg";

    [Theory]
    [InlineData("nextjs", "w=640&q=75&fit=max&auto=format", "/_next/image?url=%2Fcups%2Fcolorful%20cups.jpg&w=640&q=75", "w=640&q=75&fit=max&auto=format")]
    [InlineData("netlify", "w=300&h=200&fit=crop&crop=top&q=60&fm=webp", "/.netlify/images?url=%2Fcups%2Fcolorful%20cups.jpg&w=300&h=200&fit=cover&position=top&fm=webp&q=60", "w=300&h=200&fm=webp&fit=crop&crop=top&q=60")]
    [InlineData("netlify", "w=640&q=75&auto=format", "/.netlify/images?url=%2Fcups%2Fcolorful%20cups.jpg&w=640&q=75", "w=640&fit=clip&q=75&auto=format")]
    [InlineData("cloudflare", "w=320&h=320&fit=crop&crop=focalpoint&fp-x=0.3&fp-y=0.6&fm=png", "/cdn-cgi/image/width=320,height=320,format=png,fit=cover,gravity=0.3x0.6/cups/colorful%20cups.jpg", "w=320&h=320&fm=png&crop=focalpoint&fp-x=0.3&fp-y=0.6&fit=crop")]
    [InlineData("cloudflare", "w=400&h=240&fit=fill&bg=ff8800&fm=jpg&q=70", "/cdn-cgi/image/width=400,height=240,quality=70,format=jpeg,fit=pad,background=%23ff8800/cups/colorful%20cups.jpg", "w=400&h=240&q=70&fm=jpg&bg=ff8800&fit=fill")]
    [InlineData("cloudflare", "", "/cdn-cgi/image/metadata=none/cups/colorful%20cups.jpg", "fit=clip")]
    [InlineData("imgproxy", "w=240&blur=25&sharp=10&rot=90&flip=h&fm=jpg&q=80", "/imgproxy/insecure/rs:fit:240:0:1/q:80/bl:2.5/sh:0.57/rot:90/fl:0:1/plain/local:///cups/colorful%20cups.jpg@jpg", "w=240&fit=clip&q=80&fm=jpg&blur=25&sharp=10&rot=90&flip=h")]
    [InlineData("imgproxy", "w=300&h=200&fit=min&crop=bottom,right&dpr=2&auto=format", "/imgproxy/insecure/rs:fill:300:200/g:soea/dpr:2/plain/local:///cups/colorful%20cups.jpg", "w=300&h=200&fit=min&crop=bottom,right&dpr=2&auto=format")]
    public void Link_IsTheUrlItsOwnParserReadsAsTheSameRequest(string dialect, string imgix, string url, string translated)
    {
        var sut = Dialect(dialect);

        var link = sut.Link(Request(imgix));

        Assert.Null(link.Refusal);
        Assert.Equal(url, link.Url);
        DialectCases.AssertTranslated(Translate(sut, link.Url!), "local", Key, translated);
    }

    [Theory]
    [InlineData("nextjs", "w=500&q=75&fit=max&auto=format", "w must be one of Next.js's widths")]
    [InlineData("nextjs", "w=640&q=75&auto=format", "fit=max")]
    [InlineData("nextjs", "w=640&q=75&fit=max&auto=format&blur=20", "cannot say blur")]
    [InlineData("netlify", "w=640&q=75&fit=max&auto=format", "not fit=max")]
    [InlineData("netlify", "w=640&auto=format", "q (1–100) is required")]
    [InlineData("cloudflare", "w=640&sharp=20", "sharp")]
    [InlineData("cloudflare", "w=640&fit=crop&crop=entropy", "gravity")]
    [InlineData("imgproxy", "w=640&fit=fill&fm=jpg", "fit=fill")]
    [InlineData("imgproxy", "w=640&fm=jpg&rot=45", "rot=45")]
    [InlineData("imgproxy", "w=640", "auto=format")]
    [InlineData("imgproxy", "w=0.5&auto=format", "not ratios")]
    public void Link_WhatTheDialectCannotSay_IsRefusedWithItsReason(string dialect, string imgix, string reason)
    {
        var link = Dialect(dialect).Link(Request(imgix));

        Assert.Null(link.Url);
        Assert.Equal(dialect, link.Dialect);
        Assert.Contains(reason, link.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nextjs")]
    [InlineData("netlify")]
    [InlineData("cloudflare")]
    [InlineData("imgproxy")]
    public void Link_OfAnotherSourceThanTheDefault_IsRefusedNamingIt(string dialect)
    {
        var link = Dialect(dialect).Link(Request("w=640&q=75&fit=max&auto=format") with { Source = "photos" });

        Assert.Null(link.Url);
        Assert.Contains("'photos'", link.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_WhereTheSourceSigns_CarriesTheSignature_ExceptNetlifys_WhichIsRefused()
    {
        var signed = Request("w=640&q=75&auto=format") with { Sign = url => url + (url.Contains('?') ? "&" : "?") + "s=sig" };

        var cloudflare = new CloudflareImageDialect().Link(signed);
        var netlify = new NetlifyImageDialect().Link(signed);

        Assert.EndsWith("/cups/colorful%20cups.jpg?s=sig", cloudflare.Url, StringComparison.Ordinal);
        Assert.Null(netlify.Url);
        Assert.Contains("signature", netlify.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ImgproxyLink_WithKeyAndSalt_IsSigned_AndPassesItsOwnCheck()
    {
        var sut = new ImgproxyDialect(new ImgproxyOptions
        {
            Key = "943b421c9eb07c830af81030552c86009268de4e532ba2ee2eab8247c6da0881",
            Salt = "520f986b998545b4785e0defbc4f3c1203f22de2374a3d53cb7a7fe9fea309c5",
        });

        var link = sut.Link(Request("w=300&q=60&fm=webp"));

        Assert.DoesNotContain("insecure", link.Url, StringComparison.Ordinal);
        DialectCases.AssertTranslated(Translate(sut, link.Url!), "local", Key, "w=300&fit=clip&q=60&fm=webp");
    }

    private static LinkRequest Request(string imgix) => new("local", Key, [.. QueryText.Parse(imgix)], DialectCases.Sources, url => url);

    private static IUrlDialect Dialect(string name) => name switch
    {
        "nextjs" => new NextImageDialect(),
        "netlify" => new NetlifyImageDialect(),
        "cloudflare" => new CloudflareImageDialect(),
        _ => new ImgproxyDialect(),
    };

    // As the routes hand them over: the query decoded, Cloudflare's options and source as route values, imgproxy's path raw.
    private static DialectRequest Translate(IUrlDialect sut, string url)
    {
        const string cloudflare = "/cdn-cgi/image/";
        if (url.StartsWith(cloudflare, StringComparison.Ordinal))
        {
            var rest = url[cloudflare.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return CloudflareImageDialectTests.Translate(Uri.UnescapeDataString(rest[..slash]), Uri.UnescapeDataString(rest[(slash + 1)..]));
        }

        return url.StartsWith("/imgproxy/", StringComparison.Ordinal)
            ? ImgproxyDialectTests.Translate(sut, url["/imgproxy/".Length..])
            : DialectCases.Translate(sut, url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]);
    }
}
