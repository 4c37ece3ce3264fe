using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Dialects;

/// <summary>imgproxy's URLs under <c>/imgproxy</c>, signed with imgproxy's scheme, sharing the cache with <c>/img/</c>.</summary>
public sealed class ImgproxyDialectTests
{
    private const string Key = "736563726574";
    private const string Salt = "68656C6C6F";

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
