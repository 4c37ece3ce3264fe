using System.Net;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Hosting;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Dialects;

/// <summary>imgproxy's URLs under <c>/imgproxy</c>, signed with imgproxy's scheme, sharing the cache with <c>/img/</c>.</summary>
public sealed class ImgproxyDialectTests
{
    private const string Accept = "image/avif,image/webp,*/*";
    private const string Key = "736563726574";
    private const string Salt = "68656C6C6F";

    [Fact]
    public async Task ImgproxyUrl_AndTheSameVariantAsImgixParameters_AreOneTransform_WithIdenticalBytes()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);

        var imgproxy = await client.GetReplyAsync("/imgproxy/insecure/rs:fit:640:0/q:75/plain/local:///colorful-cups.jpg", Accept);
        var imgix = await client.GetReplyAsync("/img/local/colorful-cups.jpg?w=640&fit=max&q=75&auto=format", Accept);

        Assert.Equal(HttpStatusCode.OK, imgproxy.Status);
        Assert.Equal(HttpStatusCode.OK, imgix.Status);
        Assert.Equal("image/avif", imgproxy.ContentType);
        Assert.Equal(640, Pixels.Size(imgproxy.Body).Width);
        Assert.Equal(imgproxy.Body, imgix.Body);
        Assert.Equal(1, server.Metrics.Total("mediaedge.transforms"));
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task WithAKeyAndSalt_ASignedUrlIs200_AndInsecureIsA403Problem()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Dialects:imgproxy:Key"] = Key,
            ["MediaEdge:Dialects:imgproxy:Salt"] = Salt,
        });
        using var client = server.CreateClient(out _);
        const string Path = "/rs:fill:300:200:0/g:no/plain/local:///colorful-cups.jpg@png";
        var mac = HMACSHA256.HashData(Convert.FromHexString(Key), (byte[])[.. Convert.FromHexString(Salt), .. Encoding.UTF8.GetBytes(Path)]);
        var signature = Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var signed = await client.GetReplyAsync("/imgproxy/" + signature + Path);
        var insecure = await client.GetReplyAsync("/imgproxy/insecure" + Path);

        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal("image/png", signed.ContentType);
        Assert.Equal((300, 200), (Pixels.Size(signed.Body).Width, Pixels.Size(signed.Body).Height));
        Assert.Equal(HttpStatusCode.Forbidden, insecure.Status);
        Assert.Equal("invalid", insecure.Problem().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AKeyWithoutASalt_StopsTheStart_NamingTheKey()
    {
        var e = await Assert.ThrowsAnyAsync<OptionsValidationException>(() =>
            MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Dialects:imgproxy:Key"] = Key }));

        Assert.Contains("MediaEdge:Dialects:imgproxy:Key", e.Message, StringComparison.Ordinal);
    }
}
