using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;
using MediaEdge.Tests.Composition;

namespace MediaEdge.Tests.Origins;

public sealed class OriginRegistryTests
{
    [Fact]
    public void Get_ConfiguredSource_IsItsOrigin()
    {
        var sut = new OriginRegistry(new Dictionary<string, SourceOptions> { ["local"] = SourceOptions.Of("FileSystem", ("Root", Samples.Folder)) }, "/", Registered.Origins);

        Assert.IsType<FileSystemOrigin>(sut.Get("local"));
    }

    [Theory]
    [InlineData("other")]
    [InlineData("LOCAL")]
    [InlineData("")]
    public void Get_UnknownSource_Is404NamingIt(string source)
    {
        var sut = new OriginRegistry(new Dictionary<string, SourceOptions> { ["local"] = SourceOptions.Of("FileSystem", ("Root", Samples.Folder)) }, "/", Registered.Origins);

        var problem = ProblemAssert.Status(404, () => sut.Get(source));

        Assert.Equal(source, problem.Extensions["source"]);
    }
}
