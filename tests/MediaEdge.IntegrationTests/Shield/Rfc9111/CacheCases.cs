namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// The rules <see cref="SharedCacheTableTests"/> plays, one file per topic. Dates are written relative to the case's
/// start (<see cref="HeaderTemplate"/>); unless a case says otherwise the origin stamps Date from the fake clock.
/// </summary>
public static partial class CacheCases
{
    /// <summary>The body every plain 200 of the origin carries.</summary>
    private const string Body = "the stored representation, version 1";

    private const string V1 = "\"v1\"";

    private static readonly string BodyLength = Body.Length.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<CacheCase> All { get; } =
    [
        .. Freshness(),
        .. Expiry(),
        .. Heuristics(),
        .. Directives(),
        .. Variants(),
        .. Validation(),
        .. Invalidation(),
        .. Targeted(),
        .. Staleness(),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, CacheCase>> ByName = new(() => All.ToDictionary(c => c.ToString(), StringComparer.Ordinal));

    public static CacheCase Named(string rule) => ByName.Value[rule];

    private static CacheCase Case(string section, string rule, OriginReply[] origin, params Exchange[] exchanges) =>
        new(section, rule, origin, exchanges);

    private static Exchange Get(double after = 0, params string[] headers) =>
        new() { After = after, RequestHeaders = headers.Select(Field.Parse).ToArray() };

    private static Exchange GetAt(string path, double after = 0, params string[] headers) =>
        Get(after, headers) with { Path = path };

    private static Exchange Head(double after = 0, params string[] headers) => Get(after, headers) with { Method = "HEAD" };

    /// <summary>A request with a body and a method other than GET or HEAD.</summary>
    private static Exchange Send(string method, string path = "doc", string body = "payload") =>
        new() { Method = method, Path = path, RequestBody = body };

    /// <summary>A 200 with <see cref="Body"/>.</summary>
    private static OriginReply Ok(params string[] headers) => OriginReply.Of(200, Body, headers);

    private static OriginReply Answer(int status, params string[] headers) =>
        OriginReply.Of(status, status is 204 or 304 ? "" : $"status {status} from the origin", headers);

    private static OriginReply NotModified(params string[] headers) => OriginReply.Of(304, "", headers);
}
