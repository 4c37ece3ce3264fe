using System.Collections.Concurrent;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// Sits in every test client and records each response that is a server failure (5xx other than 503, which overload
/// answers on purpose), so a test, and the fixture at the end, fail on a 500 even where the test looked elsewhere.
/// </summary>
public sealed class StatusGuard : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string>? _shared;

    public StatusGuard(HttpMessageHandler inner, ConcurrentQueue<string>? shared = null)
        : base(inner)
    {
        _shared = shared;
    }

    public IReadOnlyCollection<string> Failures => _failures;

    public static bool IsServerFailure(HttpStatusCode status) =>
        (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;

    public void AssertNoServerFailure()
    {
        if (!_failures.IsEmpty)
        {
            Assert.Fail("The server answered with a failure status: " + string.Join("; ", _failures));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (IsServerFailure(response.StatusCode))
        {
            var failure = $"{request.Method} {request.RequestUri?.PathAndQuery} -> {(int)response.StatusCode}";
            _failures.Enqueue(failure);
            _shared?.Enqueue(failure);
        }

        return response;
    }
}
