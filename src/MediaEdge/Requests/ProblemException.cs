namespace MediaEdge.Requests;

/// <summary>A failure that becomes an RFC 9457 problem response: never a 500.</summary>
public sealed class ProblemException : Exception
{
    public ProblemException(int status, string type, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null, Exception? inner = null)
        : base(detail, inner)
    {
        Status = status;
        Type = type;
        Title = title;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public int Status { get; }

    /// <summary>A short slug; the response's <c>type</c> is a URI built from it.</summary>
    public string Type { get; }

    public string Title { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>Seconds for <c>Retry-After</c>, on 429/503.</summary>
    public int? RetryAfterSeconds { get; init; }
}
