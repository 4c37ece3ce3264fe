using MediaEdge.Origins;
using MediaEdge.Security;

namespace MediaEdge.Tests.Security;

/// <summary>
/// imgix-style signatures per source, beside our HMAC scheme. The vectors were printed by @imgix/js-core 3.8.0's
/// <c>buildURL</c> with <c>secureURLToken</c> (tests/clients), so they are imgix's own, not ours computed twice.
/// </summary>
public sealed class UrlSignatureTests
{
    private const string Token = "FxS8gTnRT7Y2bq5X";
    private const string OurKey = "our-key";

    public static TheoryData<string, string> JsCoreVectors { get; } = new()
    {
        { "TestToken123", "/img/signed/wide.jpg?ixlib=js-3.8.0&w=640&auto=format%2Ccompress&s=07847ca834dbfe34e4286968a1def54b" },
        { Token, "/img/signed/2015-05-16%2009%3A27%3A04.jpg?ixlib=js-3.8.0&w=400&dpr=5&q=20&s=36410391882fdba7de8aaefc7a1cc501" },
        { Token, "/img/signed/photo.jpg?ixlib=js-3.8.0&s=4df121dd8779561d4dc1af1b7c943de8" },
    };

    [Theory]
    [MemberData(nameof(JsCoreVectors))]
    public void ImgixSignature_OfAJsCoreUrl_IsTheSignatureJsCoreAppended(string token, string signed)
    {
        var at = signed.LastIndexOf("&s=", StringComparison.Ordinal);

        var sut = ImgixSignature.Of(token, signed[..at]);

        Assert.Equal(signed[(at + 3)..], sut);
    }

    [Theory]
    [MemberData(nameof(JsCoreVectors))]
    public void JsCoreSignedUrl_OnItsSource_IsServed(string token, string signed)
    {
        var sut = Signature(token);

        sut.Verify(signed, "signed");
    }

    [Theory]
    [InlineData("/img/signed/photo.jpg?ixlib=js-3.8.0&w=401&s=4df121dd8779561d4dc1af1b7c943de8", "invalid")]
    [InlineData("/img/signed/other.jpg?ixlib=js-3.8.0&s=4df121dd8779561d4dc1af1b7c943de8", "invalid")]
    [InlineData("/img/signed/photo.jpg?ixlib=js-3.8.0&s=00000000000000000000000000000000", "invalid")]
    [InlineData("/img/signed/photo.jpg?ixlib=js-3.8.0", "missing")]
    [InlineData("/img/signed/photo.jpg", "missing")]
    public void TamperedOrUnsignedUrl_OnAnImgixSource_Is403(string target, string reason)
    {
        var sut = Signature(Token);

        var problem = ProblemAssert.Status(403, () => sut.Verify(target, "signed"));

        Assert.Equal(reason, problem.Extensions["reason"]);
    }

    [Fact]
    public void OurSignature_IsStillAccepted_OnTheImgixSourceAndOnOthers()
    {
        var sut = Signature(Token);

        sut.Verify(UrlSignature.Sign("/img/signed/photo.jpg?w=400", OurKey), "signed");
        sut.Verify(UrlSignature.Sign("/img/local/photo.jpg?w=400", OurKey), "local");
    }

    [Fact]
    public void ImgixSignature_DoesNotOpenASourceWithoutAToken()
    {
        var sut = Signature(Token);
        var imgixSigned = ImgixSignature.Sign("/img/local/photo.jpg?w=400", Token);

        var problem = ProblemAssert.Status(403, () => sut.Verify(imgixSigned, "local"));

        Assert.Equal("invalid", problem.Extensions["reason"]);
    }

    [Fact]
    public void UnsignedUrl_OnASourceWithoutAToken_IsServed_WhenSignaturesAreNotRequired()
    {
        var sut = Signature(Token);

        sut.Verify("/img/local/photo.jpg?w=400", "local");
    }

    private static UrlSignature Signature(string token) =>
        new(
            new SecurityOptions { SigningKeys = [OurKey] },
            new Dictionary<string, SourceOptions>
            {
                ["local"] = new(),
                ["signed"] = new() { ImgixSecureToken = token },
            },
            TimeProvider.System);
}
