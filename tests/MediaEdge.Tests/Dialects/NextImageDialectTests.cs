using MediaEdge.Dialects;
using MediaEdge.Dialects.NextJs;

namespace MediaEdge.Tests.Dialects;

/// <summary>The cases of Next.js's image optimizer (its documented sizes and its parameter checks, messages included).</summary>
public sealed class NextImageDialectTests
{
    [Theory]
    [InlineData("url=%2Fproducts%2Fshoe.jpg&w=640&q=75", "local", "products/shoe.jpg", "w=640&q=75&fit=max&auto=format")]
    [InlineData("url=/photo.png&w=3840&q=100", "local", "photo.png", "w=3840&q=100&fit=max&auto=format")]
    [InlineData("url=/icon.png&w=16&q=1", "local", "icon.png", "w=16&q=1&fit=max&auto=format")]
    [InlineData("url=/a%20b.jpg?v=3&w=828&q=75", "local", "a b.jpg", "w=828&q=75&fit=max&auto=format")]
    [InlineData("url=https%3A%2F%2Fimages.example.com%2Fassets%2Fhero%2Fbig.jpg&w=1080&q=80", "cdn", "hero/big.jpg", "w=1080&q=80&fit=max&auto=format")]
    public void Translate_DocumentedUrl_IsThatSourceKeyAndImgixParameters(string query, string source, string key, string imgix)
    {
        DialectCases.AssertTranslated(Translate(query), source, key, imgix);
    }

    [Theory]
    [InlineData("w=640&q=75", "url", "\"url\" parameter is required")]
    [InlineData("url=/a.jpg&url=/b.jpg&w=640&q=75", "url", "\"url\" parameter cannot be an array")]
    [InlineData("url=/_next/image%3Furl%3D%2Fa.jpg&w=640&q=75", "url", "\"url\" parameter cannot be recursive")]
    [InlineData("url=/a.jpg&q=75", "w", "\"w\" parameter (width) is required")]
    [InlineData("url=/a.jpg&w=640&w=750&q=75", "w", "\"w\" parameter (width) cannot be an array")]
    [InlineData("url=/a.jpg&w=-1&q=75", "w", "\"w\" parameter (width) must be an integer greater than 0")]
    [InlineData("url=/a.jpg&w=abc&q=75", "w", "\"w\" parameter (width) must be an integer greater than 0")]
    [InlineData("url=/a.jpg&w=641&q=75", "w", "\"w\" parameter (width) of 641 is not allowed")]
    [InlineData("url=/a.jpg&w=640", "q", "\"q\" parameter (quality) is required")]
    [InlineData("url=/a.jpg&w=640&q=0", "q", "\"q\" parameter (quality) must be an integer between 1 and 100")]
    [InlineData("url=/a.jpg&w=640&q=101", "q", "\"q\" parameter (quality) must be an integer between 1 and 100")]
    [InlineData("url=https%3A%2F%2Fevil.example%2Fa.jpg&w=640&q=75", "url", "under no configured Http source")]
    [InlineData("url=%2F%2Fevil.example%2Fa.jpg&w=640&q=75", "url", "must be a path starting with '/'")]
    [InlineData("url=ftp%3A%2F%2Fimages.example.com%2Fassets%2Fa.jpg&w=640&q=75", "url", "must be a path starting with '/'")]
    public void Translate_WhatNextJsRefuses_Is400NamingTheParameter_WithItsMessage(string query, string parameter, string message)
    {
        DialectCases.AssertRefused(() => Translate(query), parameter, message);
    }

    private static DialectRequest Translate(string query) => DialectCases.Translate(new NextImageDialect(), query);
}
