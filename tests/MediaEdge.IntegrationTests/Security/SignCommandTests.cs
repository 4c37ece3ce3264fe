using System.Diagnostics;
using MediaEdge.Security;
using MediaEdge.Server;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// <c>sign "/img/local/x.jpg?w=10"</c> prints the path with the README's signature appended: checked against values
/// computed outside .NET (<c>openssl dgst -sha256 -hmac KEY -binary | base64</c>, made URL-safe), against the test's own
/// HMAC, and against a running server that must accept what it prints.
/// </summary>
public sealed class SignCommandTests : IClassFixture<SignCommandTests.SignedServer>
{
    private const string Key = "k-2025";

    /// <summary>openssl's HMAC-SHA256 of "/img/local/x.jpg?w=10" under "k-2025", base64url without padding.</summary>
    private const string OpensslMac = "Ti9ZUj251PSfL_lr_PpjP4fq5FK8R3BECHr9F9mX3co";

    private readonly MediaEdgeServer _server;

    public SignCommandTests(SignedServer fixture)
    {
        _server = fixture.Server;
    }

    [Fact]
    public void Sign_PrintsThePathWithTheSignatureLast()
    {
        var (code, output, error) = Run("/img/local/x.jpg?w=10", "--key", Key);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("/img/local/x.jpg?w=10&s=" + OpensslMac, output.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void Sign_WithoutAQuery_StartsOneWithS()
    {
        var (code, output, _) = Run("/img/local/x.jpg", "--key", Key);

        Assert.Equal(0, code);
        Assert.Equal(HmacSigner.Sign("/img/local/x.jpg", Key), output.Trim());
        Assert.Contains("/img/local/x.jpg?s=", output, StringComparison.Ordinal);
    }

    /// <summary>The README's own example P, signed by openssl.</summary>
    [Fact]
    public void UrlSignatureSign_MatchesOpenssl_OnTheReadmeExample()
    {
        var sut = UrlSignature.Sign("/img/local/cups.jpg?w=400&expires=1767225600", "new");

        Assert.Equal("/img/local/cups.jpg?w=400&expires=1767225600&s=G7_JM2raNgbUGTisk4-JEV89RNCpc_ZQUeRF_hMIE3g", sut);
    }

    [Theory]
    [InlineData("/img/local/small.jpg?w=10&fm=png&q=80")]
    [InlineData("/img/local/caf%C3%A9%20cup.jpg?w=10")]
    [InlineData("/o/local/small.jpg")]
    [InlineData("/video/local/v.mp4/thumbnail.jpg?time=1.5&w=80")]
    public void Sign_AgreesWithAnIndependentHmac(string target)
    {
        var (_, output, _) = Run(target, "--key", "another key, with spaces and ünïcödé");

        Assert.Equal(HmacSigner.Sign(target, "another key, with spaces and ünïcödé"), output.Trim());
    }

    [Fact]
    public void Sign_WithExpiresIn_AddsASignedExpiryThatFarFromNow()
    {
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var (code, output, _) = Run("/img/local/x.jpg?w=10", "--expires-in", "3600", "--key", Key);
        var after = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal(0, code);
        var line = output.Trim();
        var at = line.LastIndexOf("&s=", StringComparison.Ordinal);
        var payload = line[..at];
        Assert.StartsWith("/img/local/x.jpg?w=10&expires=", payload, StringComparison.Ordinal);
        var expires = long.Parse(payload[(payload.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture);
        Assert.InRange(expires, before + 3600, after + 3600);
        Assert.Equal(HmacSigner.Mac(payload, Key), line[(at + 3)..]);
    }

    [Theory]
    [InlineData("--expires-in", "soon", "--key", Key)]
    [InlineData("--key", Key, "--expires-in")]
    [InlineData("--key")]
    [InlineData("--verbose", "--key", Key)]
    public void Sign_FlagWithoutAUsableValue_FailsInsteadOfSigning(params string[] flags)
    {
        var (code, output, error) = Run(["/img/local/x.jpg?w=10", .. flags]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("needs a value", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("img/local/x.jpg")]
    public void Sign_WithoutAPath_PrintsUsageAndFails(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.Contains("usage", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/img/local/small.jpg?w=48")]
    [InlineData("/img/local/small.jpg")]
    public async Task SignedOutput_IsServedByANodeWithThatKey(string target)
    {
        var (_, output, _) = Run(target, "--expires-in", "600", "--key", Key);
        using var client = _server.CreateClient(out var guard);

        var sut = await client.SendRawAsync(HttpMethod.Get, output.Trim());

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(target.EndsWith("48", StringComparison.Ordinal) ? 48 : 640, Pixels.Size(sut.Body).Width);
        guard.AssertNoServerFailure();
    }

    /// <summary>The command as an operator runs it: the built server program, its key from the environment, no --key.</summary>
    [Fact]
    public async Task ServerProgram_Sign_UsesTheConfiguredKey()
    {
        var folder = Directory.CreateTempSubdirectory("mediaedge-sign-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "MediaEdge.Server.dll"), "sign", "/img/local/x.jpg?w=10" },
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["MediaEdge__Security__SigningKeys__0"] = Key },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(process.ExitCode == 0, await error);
            Assert.Equal("/img/local/x.jpg?w=10&s=" + OpensslMac, (await output).Trim());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = SignCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public sealed class SignedServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Security:SigningKeys:0"] = Key,
            ["MediaEdge:Security:RequireSignature"] = "true",
        };
    }
}
