using MediaEdge.Origins.FileSystem;

namespace MediaEdge.Tests.Origins;

public sealed class FileSystemOriginTests : IDisposable
{
    private readonly string _dir;
    private readonly string _root;
    private readonly string _outside;

    public FileSystemOriginTests()
    {
        _dir = Directory.CreateTempSubdirectory("mediaedge-fs-").FullName;
        _root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "photos"));
        File.WriteAllBytes(Path.Combine(_root, "photos", "cup.jpg"), [1, 2, 3, 4, 5]);
        File.WriteAllBytes(Path.Combine(_outside, "secret.jpg"), [6, 6, 6]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadAsync_FileInsideTheRoot_ReturnsItsBytes()
    {
        var sut = new FileSystemOrigin("local", _root);

        var obj = await sut.ReadAsync("photos/cup.jpg", 1024, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], obj.Bytes.ToArray());
        Assert.Equal(5, obj.Info.Length);
    }

    [Fact]
    public async Task StatAsync_FileInsideTheRoot_GivesLengthAndModified()
    {
        var sut = new FileSystemOrigin("local", _root);

        var info = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);

        Assert.Equal(5, info.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(_root, "photos", "cup.jpg")), info.LastModified!.Value.UtcDateTime);
        Assert.False(string.IsNullOrEmpty(info.Validator));
    }

    [Theory]
    [InlineData("missing.jpg")]
    [InlineData("photos/missing.jpg")]
    [InlineData("nowhere/cup.jpg")]
    [InlineData("photos")]
    public async Task StatAsync_MissingFile_Is404NamingSourceAndKey(string key)
    {
        var sut = new FileSystemOrigin("local", _root);

        var problem = await ProblemAssert.StatusAsync(404, () => sut.StatAsync(key, CancellationToken.None));

        Assert.Equal("local", problem.Extensions["source"]);
        Assert.Equal(key, problem.Extensions["key"]);
    }

    [Theory]
    [InlineData("missing.jpg", 404)]
    // A key climbing out of the root, or an absolute one ("{dir}" is the folder holding root/ and outside/).
    [InlineData("../outside/secret.jpg", 400)]
    [InlineData("photos/../../outside/secret.jpg", 400)]
    [InlineData("..%2foutside%2fsecret.jpg", 400)]
    [InlineData("photos\\..\\..\\outside\\secret.jpg", 400)]
    [InlineData("{dir}/outside/secret.jpg", 400)]
    // A key is decoded once, by the URL: a literal "%2e%2e" is a folder name like any other, here one that does not exist.
    [InlineData("%2e%2e/outside/secret.jpg", 404)]
    public async Task ReadAsync_MissingOrOutsideKey_IsThatStatus(string key, int status)
    {
        var sut = new FileSystemOrigin("local", _root);

        await ProblemAssert.StatusAsync(status, () => sut.ReadAsync(key.Replace("{dir}", _dir, StringComparison.Ordinal), 1024, CancellationToken.None));
    }

    /// <summary>A link ending in '/' is a directory link; "{dir}" in a target is the folder holding root/ and outside/.</summary>
    [Theory]
    [InlineData("root/photos/escape.jpg", "{dir}/outside/secret.jpg", "photos/escape.jpg")]
    [InlineData("root/escape.jpg", "../outside/secret.jpg", "escape.jpg")]
    [InlineData("root/shared/", "{dir}/outside", "shared/secret.jpg")]
    [InlineData("root/up/", "{dir}", "up/outside/secret.jpg")]
    public async Task ReadAsync_SymlinkPointingOutside_IsRefused(string link, string target, string key)
    {
        Link(link, target);
        var sut = new FileSystemOrigin("local", _root);

        var problem = await ProblemAssert.StatusAsync(400, () => sut.ReadAsync(key, 1024, CancellationToken.None));

        Assert.Equal("bad-key", problem.Type);
    }

    [Fact]
    public async Task ReadAsync_SymlinkChainEndingOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "hop2.jpg"), Path.Combine(_outside, "secret.jpg"));
        File.CreateSymbolicLink(Path.Combine(_root, "hop1.jpg"), Path.Combine(_root, "hop2.jpg"));
        var sut = new FileSystemOrigin("local", _root);

        await ProblemAssert.StatusAsync(400, () => sut.ReadAsync("hop1.jpg", 1024, CancellationToken.None));
    }

    [Theory]
    [InlineData("root/alias.jpg", "{dir}/root/photos/cup.jpg", "alias.jpg")]
    [InlineData("root/latest/", "photos", "latest/cup.jpg")]
    public async Task ReadAsync_SymlinkPointingInside_IsServed(string link, string target, string key)
    {
        Link(link, target);
        var sut = new FileSystemOrigin("local", _root);

        var obj = await sut.ReadAsync(key, 1024, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], obj.Bytes.ToArray());
    }

    [Fact]
    public async Task ReadAsync_RootThatIsItselfASymlink_ServesItsFiles()
    {
        var link = Path.Combine(_dir, "root-link");
        Directory.CreateSymbolicLink(link, _root);
        var sut = new FileSystemOrigin("local", link);

        var obj = await sut.ReadAsync("photos/cup.jpg", 1024, CancellationToken.None);

        Assert.Equal(_root, sut.Root);
        Assert.Equal(5, obj.Bytes.Length);
    }

    [Fact]
    public async Task ReadAsync_FileLargerThanMaxBytes_Is413NamingMaxSourceBytes()
    {
        var sut = new FileSystemOrigin("local", _root);

        var problem = await ProblemAssert.StatusAsync(413, () => sut.ReadAsync("photos/cup.jpg", 4, CancellationToken.None));

        Assert.Equal("MaxSourceBytes", problem.Extensions["limit"]);
        Assert.Equal(5L, problem.Extensions["actual"]);
    }

    [Fact]
    public async Task ReadAsync_FileOfExactlyMaxBytes_IsRead()
    {
        var sut = new FileSystemOrigin("local", _root);

        var obj = await sut.ReadAsync("photos/cup.jpg", 5, CancellationToken.None);

        Assert.Equal(5, obj.Bytes.Length);
    }

    [Fact]
    public async Task StatAsync_FileRewritten_ChangesTheValidator()
    {
        var path = Path.Combine(_root, "photos", "cup.jpg");
        var sut = new FileSystemOrigin("local", _root);
        var before = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);

        File.WriteAllBytes(path, [9, 9, 9, 9, 9, 9]);
        var longer = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        var sameLengthLater = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);

        Assert.NotEqual(before.Validator, longer.Validator);
        Assert.NotEqual(before.Validator, sameLengthLater.Validator);
        Assert.NotEqual(longer.Validator, sameLengthLater.Validator);
    }

    [Fact]
    public async Task StatAsync_UnchangedFile_KeepsTheValidator()
    {
        var sut = new FileSystemOrigin("local", _root);

        var first = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);
        var second = await sut.StatAsync("photos/cup.jpg", CancellationToken.None);

        Assert.Equal(first.Validator, second.Validator);
    }

    [Fact]
    public void Constructor_MissingRoot_ThrowsNamingTheSource()
    {
        var exception = Assert.Throws<DirectoryNotFoundException>(() => new FileSystemOrigin("photos", Path.Combine(_dir, "absent")));

        Assert.Contains("photos", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsReadyAsync_ExistingRoot_IsTrue()
    {
        var sut = new FileSystemOrigin("local", _root);

        Assert.True(await sut.IsReadyAsync(CancellationToken.None));
    }

    private void Link(string link, string target)
    {
        var path = Path.Combine(_dir, link.TrimEnd('/'));
        target = target.Replace("{dir}", _dir, StringComparison.Ordinal);
        if (link.EndsWith('/'))
        {
            Directory.CreateSymbolicLink(path, target);
        }
        else
        {
            File.CreateSymbolicLink(path, target);
        }
    }
}
