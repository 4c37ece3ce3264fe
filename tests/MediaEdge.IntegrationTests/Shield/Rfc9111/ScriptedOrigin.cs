using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// An HTTP origin on Kestrel at 127.0.0.1, port 0, that answers each request as its script says — any status, any
/// header lines (obs-text included: headers go out as Latin-1), no Date where asked — and records every request it
/// gets: method, target, headers and body. Date comes from the given clock unless the reply sets one.
/// </summary>
public sealed class ScriptedOrigin : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _refusedHeaders = new();
    private readonly Func<RecordedRequest, OriginReply> _respond;
    private readonly TimeProvider _clock;
    private WebApplication? _app;
    private int _count;
    private int _answered;

    private ScriptedOrigin(TimeProvider clock, Func<RecordedRequest, OriginReply> respond)
    {
        _clock = clock;
        _respond = respond;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests received, to any path but "/" (which MediaEdge may probe for readiness).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Requests whose answer has been written completely (or dropped).</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Every request, in the order they arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Index).ToArray();

    /// <summary>Header lines a reply asked for that Kestrel would not send (control characters), as "Name: value".</summary>
    public IReadOnlyCollection<string> RefusedHeaders => _refusedHeaders;

    public static async Task<ScriptedOrigin> StartAsync(TimeProvider clock, Func<RecordedRequest, OriginReply> respond)
    {
        var origin = new ScriptedOrigin(clock, respond);
        var builder = LoopbackApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
            options.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                connection.Transport = new DatelessTransport(connection.Transport);
                return next(connection);
            }));
        });
        var app = builder.Build();
        app.Run(origin.HandleAsync);
        var address = await LoopbackApp.StartAsync(app);
        origin._app = app;
        origin.BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/");
        return origin;
    }

    /// <summary>Polls (every 20 ms, at most <paramref name="timeout"/>) until <see cref="Count"/> reaches <paramref name="count"/>.</summary>
    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Count < count)
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return Count >= count;
            }
        }

        return true;
    }

    /// <summary>Polls (every 20 ms, at most <paramref name="timeout"/>) until every request received has been answered.</summary>
    public async Task WaitUntilAnsweredAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Answered < Count && !deadline.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value is null or "/")
        {
            return;
        }

        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var index = Interlocked.Increment(ref _count) - 1;
        var recorded = new RecordedRequest(index, request.Method, target, headers, body.ToArray());
        _requests.Enqueue(recorded);
        try
        {
            await AnswerAsync(context, _respond(recorded));
        }
        finally
        {
            Interlocked.Increment(ref _answered);
        }
    }

    private async Task AnswerAsync(HttpContext context, OriginReply reply)
    {
        if (reply.Abort)
        {
            context.Abort();
            return;
        }

        if (reply.Hang)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            context.Abort();
            return;
        }

        var response = context.Response;
        response.StatusCode = reply.Status;
        var headers = response.Headers;
        headers.Date = reply.WithoutDate ? DatelessTransport.Marker : _clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in reply.Headers)
        {
            try
            {
                // The reply's own Date (or Content-Type) replaces the default instead of becoming a second line.
                if (replaced.Add(name) && name.Equals("Date", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Remove(name);
                }

                headers.Append(name, value ?? "");
            }
            catch (InvalidOperationException)
            {
                _refusedHeaders.Enqueue($"{name}: {value}");
            }
        }

        var head = HttpMethods.IsHead(context.Request.Method);
        if (reply.Status is 204 or 304 or < 200)
        {
            return;
        }

        if (!headers.ContainsKey("Content-Length"))
        {
            response.ContentLength = reply.Body.Length;
        }

        if (!head && reply.Body.Length > 0)
        {
            await response.Body.WriteAsync(reply.Body, context.RequestAborted);
        }
    }
}
