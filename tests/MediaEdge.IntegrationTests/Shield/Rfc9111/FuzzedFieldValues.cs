using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// Header values for the header fuzz run, from one seeded <see cref="Random"/>: raw bytes (obs-text 0x80–0xFF included),
/// empty values, quotes and commas, numbers past every integer type, and near-misses of each field's grammar.
/// Values are Latin-1 strings: one char per byte.
/// </summary>
public sealed class FuzzedFieldValues
{
    private static readonly string[] Numbers = ["0", "-1", "-0", "2147483647", "2147483648", "4294967296", "9223372036854775808", "99999999999999999999999999", "1e309", "0x10", "1.5", "+5", " 7 ", "\u00b2"];

    private static readonly string[] Junk = ["\"", "\"\"", ",", ",,,", "\",\"", "W/", "W/\"", "*", "*, \"a\"", "\\\"", "=", "==", ";", "\"unterminated", "a=\"b", "\t", " ", "%00", "%FF"];

    private static readonly string[] Directives =
    [
        "max-age", "s-maxage", "no-store", "no-cache", "private", "public", "must-revalidate", "proxy-revalidate",
        "stale-while-revalidate", "stale-if-error", "immutable", "must-understand", "only-if-cached", "max-stale", "min-fresh", "no-transform",
    ];

    private readonly Random _random;

    public FuzzedFieldValues(int seed)
    {
        _random = new Random(seed);
    }

    public Random Random => _random;

    /// <summary>A value for <paramref name="field"/>; <paramref name="controlBytes"/> allows bytes below 0x20 (never CR or LF).</summary>
    public string Next(string field, bool controlBytes) => _random.Next(10) switch
    {
        0 or 1 => Bytes(_random.Next(0, 48), controlBytes),
        2 => "",
        3 => Pick(Numbers),
        4 => Pick(Junk),
        _ => Shaped(field, controlBytes),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Shaped(string field, bool controlBytes) => field.ToUpperInvariant() switch
    {
        "IF-NONE-MATCH" or "ETAG" or "IF-RANGE" => EntityTags(controlBytes),
        "IF-MODIFIED-SINCE" or "EXPIRES" or "DATE" or "LAST-MODIFIED" => Date(),
        "RANGE" => Range(),
        "CACHE-CONTROL" or "CDN-CACHE-CONTROL" or "PRAGMA" => CacheControl(),
        "AGE" => _random.Next(3) == 0 ? $"{Pick(Numbers)}, {Pick(Numbers)}" : _random.NextInt64(-5, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        "VARY" => string.Join(_random.Next(2) == 0 ? ", " : ",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(["*", "Accept", "X-A", "Cookie", "", "Accept-Encoding", "\u00e9", "a b"]))),
        "CONTENT-TYPE" or "ACCEPT" => Pick(["image/webp", "*/*", "text/html; charset=\u00e9", "a/b/c", "/", ";;", "image/*;q=2", "application/json; q=\"0.5\""]),
        _ => Bytes(_random.Next(0, 24), controlBytes),
    };

    private string EntityTags(bool controlBytes)
    {
        var tags = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => _random.Next(5) switch
        {
            0 => $"W/\"{Bytes(_random.Next(0, 8), controlBytes).Replace("\"", "", StringComparison.Ordinal)}\"",
            1 => Bytes(_random.Next(1, 8), controlBytes),
            2 => "*",
            _ => $"\"{Bytes(_random.Next(0, 8), controlBytes)}\"",
        });
        return string.Join(_random.Next(2) == 0 ? ", " : ",", tags);
    }

    private string Date()
    {
        var instant = DateTimeOffset.UnixEpoch.AddSeconds(_random.NextInt64(-62135596800, 253402300799));
        return _random.Next(4) == 0
            ? instant.ToString("ddd, dd MMM yy H:m:s 'UTC'", CultureInfo.InvariantCulture)
            : HeaderTemplate.Format(instant, Pick(["imf", "rfc850", "asctime", "utc", "two-digit-year", "no-comma", "double-space", "dashes", "dotted", "one-digit-hour"]));
    }

    private string Range()
    {
        string Bound() => _random.Next(4) == 0 ? Pick(Numbers) : _random.Next(0, 5000).ToString(CultureInfo.InvariantCulture);
        var unit = Pick(["bytes=", "bytes =", "BYTES=", "items=", "bytes=="]);
        return unit + string.Join(",", Enumerable.Range(0, _random.Next(1, 20)).Select(_ => _random.Next(4) switch
        {
            0 => $"-{Bound()}",
            1 => $"{Bound()}-",
            _ => $"{Bound()}-{Bound()}",
        }));
    }

    private string CacheControl() =>
        string.Join(Pick([", ", ",", " , ", ",,"]), Enumerable.Range(0, _random.Next(1, 5)).Select(_ =>
        {
            var name = Pick(Directives);
            if (_random.Next(3) == 0)
            {
                name = name.ToUpperInvariant();
            }

            return _random.Next(3) switch
            {
                0 => name,
                1 => $"{name}={Pick(Numbers)}",
                _ => $"{name}=\"{Pick(Numbers)}\"",
            };
        }));

    private string Bytes(int length, bool controlBytes)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            var b = _random.Next(controlBytes ? 0 : 0x20, 0x100);
            if (b is '\r' or '\n' || (!controlBytes && b == 0x7F))
            {
                continue;
            }

            builder.Append((char)b);
        }

        return builder.ToString();
    }
}
