using MediaEdge.Dialects;
using MediaEdge.Dialects.Netlify;

namespace MediaEdge.Tests.Dialects;

/// <summary>The examples of Netlify Image CDN's documentation (docs.netlify.com/image-cdn/overview), and what it refuses.</summary>
public sealed class NetlifyImageDialectTests
{
    [Theory]
    [InlineData("url=/owl.jpeg&w=50", "local", "owl.jpeg", "w=50&fit=clip&q=75&auto=format")]
    [InlineData("url=/owl.jpeg&fit=cover&w=50&h=50&position=left&fm=webp&q=80", "local", "owl.jpeg", "w=50&h=50&fm=webp&fit=crop&crop=left&q=80")]
    [InlineData("url=/photo.jpg&w=800&h=600&fit=cover&q=80", "local", "photo.jpg", "w=800&h=600&fit=crop&q=80&auto=format")]
    [InlineData("url=/photo.jpg&w=300&h=300&fit=fill", "local", "photo.jpg", "w=300&h=300&fit=scale&q=75&auto=format")]
    [InlineData("url=/photo.jpg&fm=avif", "local", "photo.jpg", "fm=avif&fit=clip&q=75")]
    [InlineData("url=https%3A%2F%2Fimages.example.com%2Fassets%2Fa%2Fb.png&w=200", "cdn", "a/b.png", "w=200&fit=clip&q=75&auto=format")]
    public void Translate_DocumentedUrl_IsThatSourceKeyAndImgixParameters(string query, string source, string key, string imgix)
    {
        DialectCases.AssertTranslated(Translate(query), source, key, imgix);
    }

    [Theory]
    [InlineData("w=50", "url", "url is required")]
    [InlineData("url=/a.jpg&w=0", "w", "greater than 0")]
    [InlineData("url=/a.jpg&h=tall", "h", "greater than 0")]
    [InlineData("url=/a.jpg&fit=inside", "fit", "contain, cover or fill")]
    [InlineData("url=/a.jpg&w=50&h=50&position=left", "position", "only with fit=cover")]
    [InlineData("url=/a.jpg&fit=cover&position=north", "position", "center, top, bottom, left or right")]
    [InlineData("url=/a.jpg&fm=blurhash", "fm", "BlurHash")]
    [InlineData("url=/a.jpg&fm=tiff", "fm", "avif, webp, jpg, png or gif")]
    [InlineData("url=/a.jpg&q=0", "q", "1 to 100")]
    [InlineData("url=/a.jpg&blur=5", "blur", "not a Netlify Image CDN parameter")]
    [InlineData("url=https%3A%2F%2Fevil.example%2Fa.jpg", "url", "under no configured Http source")]
    public void Translate_WhatItCannotHonour_Is400NamingTheParameter(string query, string parameter, string message)
    {
        DialectCases.AssertRefused(() => Translate(query), parameter, message);
    }

    private static DialectRequest Translate(string query) => DialectCases.Translate(new NetlifyImageDialect(), query);
}
