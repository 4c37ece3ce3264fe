using MediaEdge.Requests;
using Microsoft.AspNetCore.Mvc;

namespace MediaEdge.Server.Endpoints;

/// <summary>Turns every failure into an RFC 9457 problem response with <c>Cache-Control: no-store</c>; nothing escapes as a bare 500.</summary>
public sealed partial class ProblemMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ProblemMiddleware> _logger;

    public ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                // No endpoint matched (say, a path Kestrel normalised out of /img/): a problem too, never a bare, cacheable 404.
                throw new ProblemException(404, "no-route", "Not found", "Nothing is served at this path. Images are under /img/{source}/{key}.");
            }

            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                // A bare 405 is heuristically cacheable (RFC 9110 15.5.6): a problem with no-store, keeping the Allow header routing set.
                var allow = context.Response.Headers.Allow;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Allow = allow;
                    return Task.CompletedTask;
                });
                throw new ProblemException(405, "method-not-allowed", "Method not allowed", $"{context.Request.Method} is not served here; use {allow}.");
            }
        }
        catch (ProblemException problem)
        {
            Log.Problem(_logger, problem.Status, problem.Type, context.Request.Path, problem.Message);
            await WriteAsync(context, problem);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log.ClientGone(_logger, context.Request.Path);
        }
        catch (Exception e)
        {
            Log.Unexpected(_logger, e, context.Request.Path);
            await WriteAsync(context, new ProblemException(500, "internal", "Internal error", "MediaEdge failed unexpectedly; the failure is logged. Retry, and report it if it persists."));
        }
    }

    /// <summary>Options for <c>AddProblemDetails</c>: bodies carry our members only (the request's id is the X-Request-Id header).</summary>
    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = context => context.ProblemDetails.Extensions.Remove("traceId");

    /// <summary>Answers <paramref name="problem"/> through <see cref="IProblemDetailsService"/>, or aborts a response already under way.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemException problem)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        if (problem.RetryAfterSeconds is { } retry)
        {
            headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var details = new ProblemDetails
        {
            Type = "urn:mediaedge:problem:" + problem.Type,
            Title = problem.Title,
            Status = problem.Status,
            Detail = problem.Message,
            Instance = context.Request.Path.Value,
        };
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }

        // Written by IProblemDetailsService; where it declines (an Accept without JSON), as application/problem+json all the same.
        // Into a buffer first, so the problem goes out with its Content-Length (and is metered by it) rather than chunked.
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await TypedResults.Problem(details).ExecuteAsync(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        context.Response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Problem {Status} {ProblemType} for {Path}: {Detail}")]
        public static partial void Problem(ILogger logger, int status, string problemType, string path, string detail);

        [LoggerMessage(2, LogLevel.Debug, "Client went away during {Path}")]
        public static partial void ClientGone(ILogger logger, string path);

        [LoggerMessage(3, LogLevel.Error, "Unexpected failure for {Path}")]
        public static partial void Unexpected(ILogger logger, Exception exception, string path);
    }
}
