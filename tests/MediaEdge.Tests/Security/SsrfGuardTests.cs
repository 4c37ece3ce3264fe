using System.Net;
using MediaEdge.Security;

namespace MediaEdge.Tests.Security;

public sealed class SsrfGuardTests
{
    /// <summary>The integration tests' table, and the forms around it: each address and the start of the reason given.</summary>
    public static TheoryData<string, string> Refused { get; } = new()
    {
        { "127.0.0.1", "loopback" },
        { "127.255.255.254", "loopback" },
        { "::1", "loopback" },
        { "10.0.0.1", "private (10.0.0.0/8)" },
        { "172.16.0.1", "private (172.16.0.0/12)" },
        { "172.31.255.255", "private (172.16.0.0/12)" },
        { "192.168.1.1", "private (192.168.0.0/16)" },
        { "169.254.169.254", "cloud metadata" },
        { "169.254.1.1", "link-local" },
        { "100.64.0.1", "carrier-grade NAT" },
        { "100.127.255.255", "carrier-grade NAT" },
        { "0.0.0.0", "unspecified" },
        { "::", "unspecified" },
        { "::ffff:127.0.0.1", "loopback" },
        { "::ffff:10.1.2.3", "private (10.0.0.0/8)" },
        { "::ffff:169.254.169.254", "cloud metadata" },
        { "64:ff9b::a00:1", "private (10.0.0.0/8)" },
        { "64:ff9b::7f00:1", "loopback" },
        { "::127.0.0.1", "loopback" },
        { "2002:7f00:1::", "loopback (6to4)" },
        { "2002:a9fe:a9fe::1", "cloud metadata (6to4)" },
        { "fe80::1", "link-local" },
        { "fc00::1", "private (unique local)" },
        { "fd12:3456::1", "private (unique local)" },
        { "ff02::1", "multicast" },
        { "224.0.0.1", "multicast" },
        { "255.255.255.255", "reserved" },
        { "192.0.2.1", "documentation" },
        { "2001:db8::1", "reserved" },
        { "198.18.0.1", "benchmarking" },
    };

    public static TheoryData<string> Public { get; } = new()
    {
        "8.8.8.8",
        "1.1.1.1",
        "2606:4700::1",
        "64:ff9b::808:808",
        "2001:4860:4860::8888",
        "::ffff:8.8.8.8",
        "2002:808:808::1",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "192.169.0.1",
        "169.255.0.1",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refusal_ForbiddenAddress_NamesWhy(string address, string reason)
    {
        var sut = SsrfGuard.Refusal(IPAddress.Parse(address));

        Assert.NotNull(sut);
        Assert.StartsWith(reason, sut, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Public))]
    public void Refusal_PublicAddress_IsNull(string address)
    {
        Assert.Null(SsrfGuard.Refusal(IPAddress.Parse(address)));
    }
}
