using System.Net;
using System.Net.Sockets;

namespace MediaEdge.Security;

/// <summary>
/// Which addresses an HTTP origin may connect to. Checked on the address actually dialled (at connect time), so
/// redirects and DNS rebinding cannot reach what a URL check would have passed. IPv4 embedded in IPv6
/// (mapped, NAT64, 6to4) is judged by the IPv4 address inside; the deprecated IPv4-compatible form is refused.
/// </summary>
public static class SsrfGuard
{
    /// <summary>Null where the address is public; else why it is refused.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return Refusal(address.MapToIPv4());
            }

            var b = address.GetAddressBytes();
            if (IPAddress.IPv6Loopback.Equals(address))
            {
                return "loopback";
            }

            if (IPAddress.IPv6None.Equals(address) || IPAddress.IPv6Any.Equals(address))
            {
                return "unspecified";
            }

            // 64:ff9b::/96 (NAT64) carries an IPv4 address in its last 4 bytes: judged by that address.
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            {
                return Refusal(new IPAddress(b.AsSpan(12, 4))) is { } inner ? inner + " (NAT64)" : null;
            }

            // ::a.b.c.d (IPv4-compatible) is deprecated (RFC 4291): no origin needs it, so it is refused even when public.
            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                return Refusal(new IPAddress(b.AsSpan(12, 4))) ?? "IPv4-compatible IPv6 (deprecated)";
            }

            // 2002::/16 (6to4) carries one in bytes 2–5.
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return Refusal(new IPAddress(b.AsSpan(2, 4))) is { } inner ? inner + " (6to4)" : null;
            }

            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
            {
                return "link-local";
            }

            if ((b[0] & 0xfe) == 0xfc)
            {
                return "private (unique local)";
            }

            if (address.IsIPv6Multicast)
            {
                return "multicast";
            }

            // 2001:db8::/32 documentation, 100::/64 discard.
            if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0))
            {
                return "reserved";
            }

            return null;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return "not an IP address";
        }

        var v4 = address.GetAddressBytes();
        return v4 switch
        {
            [0, ..] => "unspecified (0.0.0.0/8)",
            [127, ..] => "loopback",
            [10, ..] => "private (10.0.0.0/8)",
            [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
            [192, 168, ..] => "private (192.168.0.0/16)",
            [169, 254, 169, 254] => "cloud metadata",
            [169, 254, ..] => "link-local",
            [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
            [192, 0, 0, ..] => "reserved (192.0.0.0/24)",
            [192, 0, 2, ..] or [198, 51, 100, ..] or [203, 0, 113, ..] => "documentation",
            [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
            [>= 224 and <= 239, ..] => "multicast",
            [>= 240, ..] => "reserved (240.0.0.0/4)",
            _ => null,
        };
    }
}
