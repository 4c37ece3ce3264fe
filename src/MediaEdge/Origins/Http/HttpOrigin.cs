using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using MediaEdge.Requests;
using MediaEdge.Security;

namespace MediaEdge.Origins.Http;

/// <summary>
/// An HTTP server as origin. Hosts come from an allow-list (redirects included, each hop re-checked); the address
/// actually dialled is checked at connect time by <see cref="SsrfGuard"/>, so DNS rebinding and redirects to private
/// addresses fail before any byte is sent; bodies are bounded while streaming; failures map to 502/504.
/// </summary>
public sealed class HttpOrigin : IOrigin, IForwardingOrigin, IDisposable
{
    private readonly string _name;
    private readonly Uri _base;
    private readonly HttpSourceOptions _options;
    private readonly HashSet<string> _allowedHosts;
    private readonly HttpClient _client;

    public HttpOrigin(string name, HttpSourceOptions options)
    {
        _name = name;
        _options = options;
        _base = new Uri(options.BaseUrl!.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
        _allowedHosts = new HashSet<string>(options.AllowedHosts.Length > 0 ? options.AllowedHosts : [_base.Host], StringComparer.OrdinalIgnoreCase);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
            // Field values travel as the bytes they are: RFC 9110 §5.5 allows obs-text (0x80-0xFF), which Latin-1 maps one to one.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
            ResponseHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("MediaEdge/1.0");
    }

    public Uri BaseAddress => _base;

    /// <summary>Connections refused by the address rules since start, for tests and metrics.</summary>
    public int RefusedConnections => _refused;

    private int _refused;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Head, _base, null, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode < 500;
        }
        catch (ProblemException)
        {
            return false;
        }
    }

    public async Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, Locate(key), null, cancellationToken).ConfigureAwait(false);
        EnsureFound(response, key);
        return Describe(response);
    }

    public async Task<OriginObjectInfo?> RevalidateAsync(string key, OriginObjectInfo known, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, Locate(key), request => Condition(request, known), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        EnsureFound(response, key);
        return Describe(response);
    }

    public async Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Locate(key), null, cancellationToken).ConfigureAwait(false);
        EnsureFound(response, key);
        var info = Describe(response);
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw Problems.SourceTooLarge("MaxSourceBytes", maxBytes, declared, "bytes");
        }

        var bytes = await ReadBodyAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
        return new OriginObject(info with { Length = bytes.Length }, bytes);
    }

    public async Task<ReadOnlyMemory<byte>> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Locate(key), r => r.Headers.Range = new RangeHeaderValue(offset, offset + length - 1), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        EnsureFound(response, key);
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            return await ReadBodyAsync(response, length, cancellationToken).ConfigureAwait(false);
        }

        // The origin ignored the range: read up to its end, keep the slice.
        var whole = await ReadBodyAsync(response, offset + length, cancellationToken, stopAtLimit: true).ConfigureAwait(false);
        var start = (int)Math.Min(offset, whole.Length);
        return whole.AsMemory(start, Math.Min(length, whole.Length - start));
    }

    public async Task<OriginStream> OpenAsync(string key, OriginRequest? request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, Locate(key), r =>
        {
            foreach (var (name, value) in request?.Headers ?? [])
            {
                r.Headers.TryAddWithoutValidation(name, value);
            }

            if (request?.Known is { } known)
            {
                Condition(r, known);
            }
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                var refreshed = Describe(response);
                response.Dispose();
                return new OriginStream(request!.Known! with { CacheHeaders = refreshed.CacheHeaders }, Stream.Null, notModified: true);
            }

            EnsureFound(response, key);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new OriginStream(Describe(response), body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<ForwardedResponse> ForwardAsync(ForwardedRequest request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(Locate(request.Key).AbsoluteUri + (request.Query.Length > 0 ? "?" + request.Query : string.Empty), UriKind.Absolute, out var uri))
        {
            throw Problems.BadKey(request.Key, $"'{request.Key}?{request.Query}' does not make a URL on the origin of '{_name}'.");
        }

        var response = await SendAsync(new HttpMethod(request.Method), uri, message =>
        {
            if (request.Body is { } body)
            {
                message.Content = new StreamContent(body);
            }

            foreach (var (name, raw) in request.Headers)
            {
                var value = Shield.FieldLines.Sendable(raw);
                if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    message.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }, cancellationToken, followRedirects: false).ConfigureAwait(false);
        try
        {
            var fields = new List<HeaderField>();
            foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
            {
                foreach (var value in values)
                {
                    fields.Add(new HeaderField(name, value));
                }
            }

            var length = response.Content.Headers.ContentLength ?? -1;
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ForwardedResponse((int)response.StatusCode, fields, content, length, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private static void Condition(HttpRequestMessage request, OriginObjectInfo known)
    {
        if (known.HasEntityTag && EntityTagHeaderValue.TryParse(known.Validator, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        else if (known.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken, bool stopAtLimit = false)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            if (buffer.Length + n > limit)
            {
                if (stopAtLimit)
                {
                    buffer.Write(chunk, 0, (int)(limit - buffer.Length));
                    break;
                }

                throw Problems.SourceTooLarge("MaxSourceBytes", limit, buffer.Length + n, "bytes (and counting)");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static OriginObjectInfo Describe(HttpResponseMessage response)
    {
        var content = response.Content.Headers;
        var length = content.ContentLength ?? -1;
        var modified = content.LastModified;
        var validator = response.Headers.ETag?.ToString()
            ?? (modified is { } m ? $"lm-{m.UtcTicks:x}-{length:x}" : $"len-{length:x}");
        var headers = response.Headers;
        return new OriginObjectInfo(validator, length, modified, content.ContentType?.ToString())
        {
            CacheHeaders = new OriginCacheHeaders(
                headers.CacheControl?.ToString(),
                content.Expires,
                headers.Date,
                headers.Age,
                headers.Vary.Count > 0 ? string.Join(", ", headers.Vary) : null),
        };
    }

    private Uri Locate(string key)
    {
        ObjectKey.Validate(key);
        return new Uri(_base, string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));
    }

    private void EnsureFound(HttpResponseMessage response, string key)
    {
        var status = (int)response.StatusCode;
        if (status is 404 or 410)
        {
            throw Problems.NotFound(_name, key);
        }

        if (status is < 200 or >= 300)
        {
            throw Problems.OriginFailed(_name, $"The origin of '{_name}' answered {status} for '{key}'.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken, bool followRedirects = true)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        for (var hop = 0; ; hop++)
        {
            if (!_allowedHosts.Contains(uri.Host) || uri.Scheme is not ("http" or "https"))
            {
                throw Problems.OriginRefused(_name, $"The origin of '{_name}' led to {uri.Scheme}://{uri.Host}, which is not in MediaEdge:Sources:{_name}:AllowedHosts.");
            }

            using var request = new HttpRequestMessage(method, uri);
            configure?.Invoke(request);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is AddressRefusedException refused)
            {
                throw Problems.OriginRefused(_name, $"The origin of '{_name}' resolved to {refused.Address} ({refused.Reason}), which sources may not reach (MediaEdge:Sources:{_name}:AllowPrivateNetworks).");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Problems.OriginTimeout(_name, _options.TimeoutSeconds);
            }
            catch (HttpRequestException e)
            {
                throw Problems.OriginFailed(_name, $"The origin of '{_name}' could not be reached: {e.Message}", e);
            }

            var status = (int)response.StatusCode;
            if (followRedirects && status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= _options.MaxRedirects)
                {
                    throw Problems.OriginFailed(_name, $"The origin of '{_name}' redirected more than {_options.MaxRedirects} times (MediaEdge:Sources:{_name}:MaxRedirects).");
                }

                uri = new Uri(uri, location);
                continue;
            }

            return response;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        AddressRefusedException? refusal = null;
        foreach (var address in addresses)
        {
            var reason = _options.AllowPrivateNetworks ? null : SsrfGuard.Refusal(address);
            if (reason is not null)
            {
                refusal ??= new AddressRefusedException(address, reason);
                continue;
            }

            // .NET's IPv6 sockets are IPv6-only: an IPv4-mapped address is dialled as the IPv4 address it is.
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (address != addresses[^1])
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        Interlocked.Increment(ref _refused);
        throw refusal ?? new AddressRefusedException(IPAddress.None, "no address");
    }

    private sealed class AddressRefusedException(IPAddress address, string reason) : IOException($"{address} is {reason}")
    {
        public IPAddress Address { get; } = address;

        public string Reason { get; } = reason;
    }
}
