using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// Plays one <see cref="CacheCase"/> on a <see cref="ScriptedShield"/> (stale-while-revalidate and stale-if-error 0
/// unless the case says otherwise): each exchange in turn, checking the answer and what, if anything, reached the origin for it.
/// </summary>
public static class CacheCaseRunner
{
    private static readonly TimeSpan BackgroundWait = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(CacheCase rule)
    {
        await using var shield = await ScriptedShield.StartAsync(rule.Origin, rule.Settings);
        var (origin, template) = (shield.Origin, shield.Template);
        var transcript = new StringBuilder();
        for (var i = 0; i < rule.Exchanges.Count; i++)
        {
            var exchange = rule.Exchanges[i];
            shield.Clock.Advance(TimeSpan.FromSeconds(exchange.After));
            var before = origin.Count;
            var reply = await SendAsync(shield, exchange);
            var asked = origin.Count - before;
            if (exchange.Contact == Contact.Background && asked == 0)
            {
                await origin.WaitForCountAsync(before + 1, BackgroundWait);
                asked = origin.Count - before;
            }

            transcript.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {exchange} -> {reply}; origin asked {asked}x\n");
            var failure = Check(exchange, reply, asked, asked > 0 ? origin.Requests[before] : null, template);
            if (failure is not null)
            {
                throw new XunitException(
                    $"{rule}\nexchange {i + 1}: {failure}\n\nexchanges so far:\n{transcript}\norigin requests:\n  {string.Join("\n  ", origin.Requests)}");
            }

            await origin.WaitUntilAnsweredAsync(BackgroundWait);
        }
    }

    private static async Task<EdgeReply> SendAsync(ScriptedShield shield, Exchange exchange)
    {
        var body = exchange.RequestBody is null ? null : Encoding.UTF8.GetBytes(exchange.RequestBody);
        var sending = shield.SendAsync(exchange.Method, exchange.Path, exchange.RequestHeaders, body);
        if (exchange.TickWhileWaiting > 0)
        {
            while (await Task.WhenAny(sending, Task.Delay(200)) != sending)
            {
                shield.Clock.Advance(TimeSpan.FromSeconds(exchange.TickWhileWaiting));
            }
        }

        return await sending;
    }

    private static string? Check(Exchange exchange, EdgeReply reply, int asked, RecordedRequest? forwarded, HeaderTemplate template)
    {
        var expectedAsks = exchange.Contact == Contact.FromStorage ? 0 : 1;
        if (asked != expectedAsks)
        {
            return exchange.Contact switch
            {
                Contact.FromStorage => $"expected an answer from storage, but the origin was asked {asked} time(s)",
                Contact.Background => $"expected one background revalidation within {BackgroundWait.TotalSeconds} s, but the origin was asked {asked} time(s)",
                _ => $"expected the request to be forwarded once, but the origin was asked {asked} time(s)",
            };
        }

        if (forwarded is not null && CheckForwarded(exchange, forwarded, template) is { } wrongRequest)
        {
            return wrongRequest;
        }

        if (reply.Status != exchange.Status)
        {
            return $"expected status {exchange.Status}, got {reply.Status} ({reply})";
        }

        if (exchange.Contact != Contact.Forwarded && reply.Age is null)
        {
            return $"a response from storage must carry Age as a whole number of seconds, got '{reply.Header("Age") ?? "(none)"}'";
        }

        foreach (var (name, value) in exchange.ResponseHeaders)
        {
            var actual = reply.Header(name);
            var expected = value is null ? null : template.Resolve(value);
            if (actual != expected)
            {
                return expected is null
                    ? $"expected no {name} in the response, got '{Visible(actual)}'"
                    : $"expected response header {name}: '{Visible(expected)}', got '{Visible(actual) ?? "(none)"}'";
            }
        }

        if (exchange.ResponseBody is { } body && reply.Text != body)
        {
            return $"expected the body '{body}', got '{Shorten(reply.Text)}'";
        }

        return exchange.Problem ? CheckProblem(reply) : null;
    }

    private static string? CheckForwarded(Exchange exchange, RecordedRequest request, HeaderTemplate template)
    {
        if (request.Target != "/" + exchange.Path)
        {
            return $"expected the origin to be asked for '/{exchange.Path}', it was asked for '{request.Target}'";
        }

        var method = exchange.ForwardedMethod ?? (exchange.Method == "HEAD" ? null : exchange.Method);
        if (method is not null && request.Method != method)
        {
            return $"expected the origin to get a {method}, it got a {request.Method}";
        }

        if (!exchange.AnyValidator)
        {
            foreach (var (name, value) in new[] { ("If-None-Match", exchange.IfNoneMatch), ("If-Modified-Since", exchange.IfModifiedSince) })
            {
                var expected = value is null ? null : template.Resolve(value);
                if (request.Header(name) != expected)
                {
                    return expected is null
                        ? $"expected an unconditional request to the origin, it carried {name}: '{Visible(request.Header(name))}'"
                        : $"expected the origin to get {name}: '{Visible(expected)}', it got '{Visible(request.Header(name)) ?? "(none)"}'";
                }
            }
        }

        foreach (var (name, value) in exchange.OriginSees)
        {
            var expected = value is null ? null : template.Resolve(value);
            if (request.Header(name) != expected)
            {
                return expected is null
                    ? $"expected the forwarded request to carry no {name}, it carried '{Visible(request.Header(name))}'"
                    : $"expected the forwarded request to carry {name}: '{Visible(expected)}', it carried '{Visible(request.Header(name)) ?? "(none)"}'";
            }
        }

        if (exchange.RequestBody is { } sent && Encoding.UTF8.GetString(request.Body) != sent)
        {
            return $"expected the origin to get the body '{sent}', it got '{Shorten(Encoding.UTF8.GetString(request.Body))}'";
        }

        return null;
    }

    private static string? CheckProblem(EdgeReply reply)
    {
        var contentType = reply.Header("Content-Type")?.Split(';')[0].Trim();
        if (contentType != "application/problem+json")
        {
            return $"expected an application/problem+json body, got Content-Type '{contentType ?? "(none)"}'";
        }

        try
        {
            using var problem = JsonDocument.Parse(reply.Body);
            return problem.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) && value == reply.Status
                ? null
                : $"expected the problem's status to be {reply.Status}: {Shorten(reply.Text)}";
        }
        catch (JsonException e)
        {
            return $"the problem body is not JSON ({e.Message}): {Shorten(reply.Text)}";
        }
    }

    /// <summary>Non-ASCII characters as \uXXXX, so obs-text differences show in a message.</summary>
    private static string? Visible(string? value) =>
        value is null ? null : string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
