using MediaEdge.Imaging;
using MediaEdge.Negotiation;

namespace MediaEdge.Tests.Negotiation;

public sealed class TransformSpecTests
{
    private const string Base = "w=300&h=200&fit=crop";

    [Theory]
    [InlineData("w=300&h=200&fit=crop", "fit=crop&h=200&w=300")]
    [InlineData("w=300&h=200&fit=crop", "utm_source=mail&h=200&ixlib=js&fit=crop&w=300&s=sig&expires=1767225600")]
    [InlineData("w=640&h=360&fit=crop&auto=format", "preset=card")]
    [InlineData("dpr=2&w=100", "w=100&dpr=2.0")]
    [InlineData("fit=crop&w=100&ar=16:9", "fit=crop&w=100&ar=32:18")]
    [InlineData("fm=jpg", "fm=JPEG")]
    [InlineData("fit=crop", "fit=CROP")]
    [InlineData("auto=format,compress", "auto=compress&auto=format")]
    [InlineData("flip=hv", "flip=vh")]
    [InlineData("bg=fff", "bg=ffffffff")]
    [InlineData("crop=top,left&fit=crop&w=10", "fit=crop&w=10&crop=left,top")]
    [InlineData("w=100&ar=16:9", "w=100")]
    public void Canonical_EquivalentRequests_AreEqual(string first, string second)
    {
        var a = Spec(first);
        var b = Spec(second);

        Assert.Equal(a.Canonical(), b.Canonical());
    }

    [Theory]
    [InlineData("image/webp,*/*", "text/html,application/xhtml+xml,image/webp;q=0.9,*/*;q=0.8")]
    [InlineData(null, "image/jpeg,*/*")]
    [InlineData("image/avif,image/webp", "image/webp")]
    public void Canonical_AcceptHeadersThatNegotiateTheSameFormat_AreEqual(string? first, string? second)
    {
        var a = Spec("w=100&auto=format", first);
        var b = Spec("w=100&auto=format", second);

        Assert.Equal(a.Canonical(), b.Canonical());
    }

    [Theory]
    [InlineData("w=301&h=200&fit=crop")]
    [InlineData("w=300&h=201&fit=crop")]
    [InlineData("w=0.5&h=200&fit=crop")]
    [InlineData("w=300&h=200&fit=crop&dpr=2")]
    [InlineData("w=300&h=200&fit=clip")]
    [InlineData("w=300&h=200&fit=fill")]
    [InlineData("w=300&h=200&fit=fillmax")]
    [InlineData("w=300&h=200&fit=max")]
    [InlineData("w=300&h=200&fit=min")]
    [InlineData("w=300&h=200&fit=scale")]
    [InlineData("w=300&h=200&fit=crop&crop=top")]
    [InlineData("w=300&h=200&fit=crop&crop=entropy")]
    [InlineData("w=300&h=200&fit=crop&crop=focalpoint")]
    [InlineData("w=300&h=200&fit=crop&fp-x=0.3")]
    [InlineData("w=300&h=200&fit=crop&fp-y=0.3")]
    [InlineData("w=300&h=200&fit=crop&ar=1:1")]
    [InlineData("w=300&h=200&fit=crop&rect=0,0,10,10")]
    [InlineData("w=300&h=200&fit=crop&fm=png")]
    [InlineData("w=300&h=200&fit=crop&auto=format")]
    [InlineData("w=300&h=200&fit=crop&q=50")]
    [InlineData("w=300&h=200&fit=crop&auto=compress")]
    [InlineData("w=300&h=200&fit=crop&bg=fff")]
    [InlineData("w=300&h=200&fit=crop&blur=10")]
    [InlineData("w=300&h=200&fit=crop&sharp=10")]
    [InlineData("w=300&h=200&fit=crop&rot=90")]
    [InlineData("w=300&h=200&fit=crop&flip=h")]
    [InlineData("w=300&h=200&fit=crop&flip=v")]
    // Values differing beyond six decimals.
    [InlineData("w=0.5000001", "w=0.5")]
    [InlineData("fit=crop&w=100&ar=30000001:20000000", "fit=crop&w=100&ar=3:2")]
    public void Canonical_AnyOutputAffectingChange_Differs(string changed, string from = Base)
    {
        var a = Spec(from);
        var b = Spec(changed);

        Assert.NotEqual(a.Canonical(), b.Canonical());
    }

    [Fact]
    public void Canonical_SameQueryNegotiatedToDifferentFormats_Differs()
    {
        var webp = Spec("w=100&auto=format", "image/webp");
        var other = Spec("w=100&auto=format", "image/png");

        Assert.NotEqual(webp.Canonical(), other.Canonical());
    }

    [Theory]
    // One pixel and the whole width (a ratio of 1.0) read alike but are not.
    [InlineData("w=1", "w=1.0", 300, 200, 1, 300)]
    // dpr differing in the fourth decimal differs where the output does.
    [InlineData("w=5000&dpr=1", "w=5000&dpr=1.0004", 8000, 4000, 5000, 5002)]
    public void Canonical_RequestsWhoseOutputWidthDiffers_Differ(string first, string second, int sourceWidth, int sourceHeight, int firstWidth, int secondWidth)
    {
        var a = Spec(first);
        var b = Spec(second);

        Assert.Equal(firstWidth, ResizePlanner.Plan(sourceWidth, sourceHeight, a).CanvasWidth);
        Assert.Equal(secondWidth, ResizePlanner.Plan(sourceWidth, sourceHeight, b).CanvasWidth);
        Assert.NotEqual(a.Canonical(), b.Canonical());
    }

    [Fact]
    public void Canonical_FocalPointDifferingInTheFifthDecimal_DiffersWhenTheCropDoes()
    {
        var plain = Spec("w=1000&h=1000&fit=crop&crop=focalpoint&fp-x=0.5");
        var finer = Spec("w=1000&h=1000&fit=crop&crop=focalpoint&fp-x=0.50004");

        Assert.NotEqual(ResizePlanner.Plan(40000, 1000, plain).Crop, ResizePlanner.Plan(40000, 1000, finer).Crop);
        Assert.NotEqual(plain.Canonical(), finer.Canonical());
    }

    [Fact]
    public void Canonical_SameSpec_IsTheSameStringEveryTime()
    {
        var spec = Spec("w=0.3&h=100&dpr=2.5&fit=crop&crop=focalpoint&fp-x=0.2&fp-y=0.7&ar=4:3&bg=80ff0000");

        Assert.Equal(spec.Canonical(), spec.Canonical());
        Assert.Equal(spec.Canonical(), (spec with { }).Canonical());
    }

    private static TransformSpec Spec(string query, string? accept = null) => SpecNegotiatorTests.Negotiate(query, accept, Engines.Managed).Spec;
}
