using MediaEdge.Dialects;
using MediaEdge.Dialects.Cloudflare;

namespace MediaEdge.Tests.Dialects;

/// <summary>The examples of Cloudflare's "Transform via URL" documentation, and what MediaEdge refuses of its options.</summary>
public sealed class CloudflareImageDialectTests
{
    [Theory]
    [InlineData("width=80,quality=75", "uploads/avatar1.jpg", "local", "uploads/avatar1.jpg", "w=80&q=75&fit=clip")]
    [InlineData("width=400,quality=80,format=auto", "uploads/hero.jpg", "local", "uploads/hero.jpg", "w=400&q=80&fit=clip&auto=format")]
    [InlineData("width=800,height=600,fit=cover,gravity=0.5x0.3", "a.jpg", "local", "a.jpg", "w=800&h=600&crop=focalpoint&fp-x=0.5&fp-y=0.3&fit=crop")]
    [InlineData("w=300,h=300,fit=pad,background=%23ff8800", "a.jpg", "local", "a.jpg", "w=300&h=300&bg=ff8800&fit=fill")]
    [InlineData("fit=scale-down,width=1200,f=webp,dpr=2", "a.jpg", "local", "a.jpg", "w=1200&fm=webp&dpr=2&fit=max")]
    [InlineData("width=100,fit=squeeze,height=50,rotate=90,metadata=none,format=jpeg", "a.jpg", "local", "a.jpg", "w=100&h=50&rot=90&fm=jpg&fit=scale")]
    [InlineData("fit=cover,g=top,w=64,h=64", "a.jpg", "local", "a.jpg", "crop=top&w=64&h=64&fit=crop")]
    [InlineData("width=640", "https://images.example.com/assets/hero/big.jpg", "cdn", "hero/big.jpg", "w=640&fit=clip")]
    public void Translate_DocumentedUrl_IsThatSourceKeyAndImgixParameters(string options, string sourcePath, string source, string key, string imgix)
    {
        DialectCases.AssertTranslated(Translate(Uri.UnescapeDataString(options), sourcePath), source, key, imgix);
    }

    [Theory]
    [InlineData(",", "options", "At least one option")]
    [InlineData("width=0", "width", "whole number from 1")]
    [InlineData("quality=high", "quality", "from 1 to 100")]
    [InlineData("format=json", "format", "json are not produced")]
    [InlineData("fit=crop", "fit", "no MediaEdge equivalent")]
    [InlineData("gravity=auto", "gravity", "saliency or face detection")]
    [InlineData("gravity=2x0.5", "gravity", "a point XxY")]
    [InlineData("background=red", "background", "hex colour")]
    [InlineData("rotate=45", "rotate", "90, 180 or 270")]
    [InlineData("metadata=keep", "metadata", "strips all metadata")]
    [InlineData("blur=20", "blur", "not a Cloudflare option MediaEdge maps")]
    [InlineData("onerror=redirect", "onerror", "not a Cloudflare option MediaEdge maps")]
    public void Translate_WhatItCannotHonour_Is400NamingTheOption(string options, string parameter, string message)
    {
        DialectCases.AssertRefused(() => Translate(options, "a.jpg"), parameter, message);
    }

    [Fact]
    public void Translate_AnAbsoluteSourceUnderNoHttpSource_IsRefused()
    {
        DialectCases.AssertRefused(() => Translate("width=80", "https://evil.example/a.jpg"), "source", "under no configured Http source");
    }

    private static DialectRequest Translate(string options, string source) =>
        DialectCases.Translate(new CloudflareImageDialect(), "", ("options", options), ("source", source));
}
