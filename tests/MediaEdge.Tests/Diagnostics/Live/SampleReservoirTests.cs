using MediaEdge.Diagnostics.Live;

namespace MediaEdge.Tests.Diagnostics.Live;

public sealed class SampleReservoirTests
{
    [Fact]
    public void Add_ManyMoreThanCapacity_KeepsCapacitySamplesOfTheStream()
    {
        var sut = new SampleReservoir();

        for (var i = 0; i < 10_000; i++)
        {
            sut.Add(i);
        }

        Assert.Equal(10_000, sut.Seen);
        Assert.Equal(SampleReservoir.Capacity, sut.Samples.Length);
        Assert.All(sut.Samples.ToArray(), sample => Assert.InRange(sample, 0, 9_999));
        Assert.Contains(sut.Samples.ToArray(), sample => sample >= SampleReservoir.Capacity);
    }

    [Fact]
    public void Clear_ForgetsTheSamples()
    {
        var sut = new SampleReservoir();
        sut.Add(1);

        sut.Clear();

        Assert.Equal(0, sut.Seen);
        Assert.True(sut.Samples.IsEmpty);
    }
}
