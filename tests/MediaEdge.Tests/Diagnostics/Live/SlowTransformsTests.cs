using MediaEdge.Diagnostics.Live;

namespace MediaEdge.Tests.Diagnostics.Live;

public sealed class SlowTransformsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Slowest_MoreThanCapacityOffered_KeepsTheSlowestSlowestFirst()
    {
        var sut = new SlowTransforms(TimeSpan.FromMinutes(5));

        foreach (var ms in Enumerable.Range(1, 50))
        {
            sut.Offer($"/img/local/{ms}.jpg", ms, Start);
        }

        var slowest = sut.Slowest(Start);

        Assert.Equal(Enumerable.Range(31, 20).Reverse().Select(ms => (double)ms), slowest.Select(s => s.Milliseconds));
        Assert.Equal("/img/local/50.jpg", slowest[0].Url);
    }

    [Fact]
    public void Slowest_PastTheWindow_DropsTheOldOnesAndTakesFasterNewOnes()
    {
        var sut = new SlowTransforms(TimeSpan.FromMinutes(5));
        foreach (var ms in Enumerable.Range(100, 20))
        {
            sut.Offer($"/old/{ms}", ms, Start);
        }

        var later = Start.AddMinutes(5).AddSeconds(1);
        sut.Offer("/new", 5, later);

        Assert.Equal(["/new"], sut.Slowest(later).Select(s => s.Url));
    }

    [Fact]
    public void Offer_LongUrl_IsCut()
    {
        var sut = new SlowTransforms(TimeSpan.FromMinutes(5));

        sut.Offer("/img/local/a.jpg?" + new string('x', 5000), 10, Start);

        Assert.Equal(SlowTransforms.MaxUrlLength, Assert.Single(sut.Slowest(Start)).Url.Length);
    }
}
