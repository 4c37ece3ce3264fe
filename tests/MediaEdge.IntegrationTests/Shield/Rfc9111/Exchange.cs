namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>One client request to <c>/o/web/{Path}</c> and what must come of it.</summary>
public sealed record Exchange
{
    public string Method { get; init; } = "GET";

    /// <summary>Key and query after <c>/o/web/</c>; the origin must be asked for "/" + this.</summary>
    public string Path { get; init; } = "doc";

    /// <summary>Seconds the fake clock moves before this request is sent.</summary>
    public double After { get; init; }

    public IReadOnlyList<Field> RequestHeaders { get; init; } = [];

    public string? RequestBody { get; init; }

    /// <summary>Seconds the fake clock moves every 200 ms while the answer is awaited (for timeouts measured on it).</summary>
    public double TickWhileWaiting { get; init; }

    public int Status { get; init; } = 200;

    public Contact Contact { get; init; }

    /// <summary>The If-None-Match the forwarded request must carry; null: none.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>The If-Modified-Since the forwarded request must carry; null: none.</summary>
    public string? IfModifiedSince { get; init; }

    /// <summary>Whether the forwarded request is conditional, and how, is left open (the RFC allows either).</summary>
    public bool AnyValidator { get; init; }

    /// <summary>The method the origin must see; null: the client's for other than HEAD, anything for HEAD.</summary>
    public string? ForwardedMethod { get; init; }

    /// <summary>Headers the forwarded request must (or, without a value, must not) carry.</summary>
    public IReadOnlyList<Field> OriginSees { get; init; } = [];

    /// <summary>Headers the client's response must (or, without a value, must not) carry, values compared verbatim.</summary>
    public IReadOnlyList<Field> ResponseHeaders { get; init; } = [];

    /// <summary>The body the client must get; null: not checked.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The response must be an RFC 9457 problem: application/problem+json whose status member is the response's.</summary>
    public bool Problem { get; init; }

    public Exchange Forwarded(int status = 200) => this with { Contact = Contact.Forwarded, Status = status };

    public Exchange FromStorage(int status = 200) => this with { Contact = Contact.FromStorage, Status = status };

    public Exchange RevalidatedInBackground(int status = 200) => this with { Contact = Contact.Background, Status = status };

    public Exchange AsProblem() => this with { Problem = true };

    /// <summary>Expect a forwarded request carrying <paramref name="etag"/> as If-None-Match.</summary>
    public Exchange Revalidating(string etag) => this with { IfNoneMatch = etag };

    /// <summary>Expect a forwarded request carrying <paramref name="date"/> (a template) as If-Modified-Since.</summary>
    public Exchange RevalidatingSince(string date) => this with { IfModifiedSince = date };

    public Exchange WithAnyValidator() => this with { AnyValidator = true };

    public Exchange Returning(params string[] headers) => this with { ResponseHeaders = [.. ResponseHeaders, .. headers.Select(Field.Parse)] };

    public Exchange WithBody(string body) => this with { ResponseBody = body };

    public Exchange Seeing(params string[] headers) => this with { OriginSees = [.. OriginSees, .. headers.Select(Field.Parse)] };

    public override string ToString() => $"{Method} /o/web/{Path} +{After}s [{string.Join("; ", RequestHeaders)}]";
}
