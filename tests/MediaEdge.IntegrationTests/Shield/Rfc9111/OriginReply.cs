using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>What <see cref="ScriptedOrigin"/> answers to one request.</summary>
/// <param name="Status">The status code sent.</param>
/// <param name="Headers">Header lines in order; a name given twice is sent as two lines. A Date here replaces the clock's.</param>
/// <param name="Body">Written for every method but HEAD, and for no 204 or 304.</param>
public sealed record OriginReply(int Status, IReadOnlyList<Field> Headers, byte[] Body)
{
    /// <summary>Send no Date header at all (Kestrel would otherwise always add one).</summary>
    public bool WithoutDate { get; init; }

    /// <summary>Drop the connection instead of answering: to MediaEdge, an unreachable origin.</summary>
    public bool Abort { get; init; }

    /// <summary>Answer nothing until the request is given up by its sender (an origin timeout), or 20 s pass.</summary>
    public bool Hang { get; init; }

    public static OriginReply Of(int status, string body, params string[] headers) =>
        new(status, headers.Select(Field.Parse).ToArray(), Encoding.UTF8.GetBytes(body));

    public static OriginReply Unreachable { get; } = new(0, [], []) { Abort = true };

    public static OriginReply Silent { get; } = new(0, [], []) { Hang = true };

    /// <summary>The same reply with every <see cref="HeaderTemplate"/> placeholder made concrete.</summary>
    public OriginReply Resolve(HeaderTemplate template) =>
        this with { Headers = Headers.Select(h => h with { Value = h.Value is null ? null : template.Resolve(h.Value) }).ToArray() };

    public override string ToString() =>
        Abort ? "(connection dropped)" : Hang ? "(no answer)" : $"{Status} [{string.Join("; ", Headers)}] {Body.Length} bytes";
}
