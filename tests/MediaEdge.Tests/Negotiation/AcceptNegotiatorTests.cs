using MediaEdge.Negotiation;

namespace MediaEdge.Tests.Negotiation;

public sealed class AcceptNegotiatorTests
{
    [Theory]
    [InlineData("image/webp")]
    [InlineData("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")]
    [InlineData("IMAGE/WEBP")]
    [InlineData(" image/webp ; q=1 ")]
    [InlineData("image/webp;q=0.5")]
    [InlineData("image/webp;q=0.001")]
    [InlineData("text/html, image/webp;level=1;q=0.9")]
    public void Accepts_WebpListedWithPositiveQ_IsTrue(string accept)
    {
        Assert.True(AcceptNegotiator.Accepts(accept, "image/webp"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("image/*")]
    [InlineData("image/jpeg,image/png,*/*;q=0.8")]
    [InlineData("image/webp;q=0")]
    [InlineData("image/webp; q=0.0")]
    [InlineData("image/webp;Q=0")]
    [InlineData("image/webp;level=1;q=0")]
    [InlineData("image/webp;q=abc")]
    [InlineData("image/webp;q=-1")]
    [InlineData("image/webpx")]
    [InlineData("image/web")]
    [InlineData("application/image/webp")]
    public void Accepts_WebpAbsentOrExcluded_IsFalse(string? accept)
    {
        Assert.False(AcceptNegotiator.Accepts(accept, "image/webp"));
    }
}
