using System.Collections.Concurrent;
using MediaEdge.Caching;
using MediaEdge.Negotiation;

namespace MediaEdge.Pipeline;

/// <summary>
/// The answers of request forms already served: one form (request target, <c>Accept</c> and client-hint headers) always
/// parses and negotiates to the same variant key while its source's state is unchanged, so a repeat of the form needs
/// only to find that state still current and fresh and the variant still in L1: no parsing, negotiation or key hashing.
/// Holds keys and states, never variant bytes (L1 alone bounds those); at most <see cref="Capacity"/> forms, all
/// forgotten when full.
/// </summary>
public sealed class RequestForms
{
    /// <summary>Forms remembered at most (about 300 bytes each).</summary>
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<string, RequestForm> _forms = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>
    /// The form of a request: its raw target (path and query as sent) and the headers negotiation reads (<c>Accept</c>
    /// and <see cref="ClientHints.HeaderNames"/>, read through <paramref name="header"/>), as one string.
    /// </summary>
    public static string Of(string rawTarget, string? accept, Func<string, string?> header)
    {
        var b = new System.Text.StringBuilder(rawTarget.Length + (accept?.Length ?? 0) + 16).Append(rawTarget).Append('\n').Append(accept);
        foreach (var name in ClientHints.HeaderNames)
        {
            b.Append('\n').Append(header(name));
        }

        return b.ToString();
    }

    public bool TryGet(string form, out RequestForm remembered) => _forms.TryGetValue(form, out remembered!);

    public void Remember(string form, RequestForm answer)
    {
        if (_forms.ContainsKey(form))
        {
            _forms[form] = answer;
            return;
        }

        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _forms.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _forms[form] = answer;
    }
}

/// <summary>What one request form was answered with: the source state and purge version it was keyed under, the variant's key, and the Vary it listed.</summary>
public sealed record RequestForm(string SourceId, long Version, SourceState State, string VariantHash, IReadOnlyList<string> Vary);
