using System.Text;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>
/// Makes requests for the fuzz server from a seed, each with what it must get back. Valid requests are drawn from the
/// documented parameter ranges (small enough that a transform is cheap); invalid ones change one thing, so the problem
/// must name it; the rest is noise whose only rule is: an image or a 4xx problem, never a 5xx.
/// </summary>
public sealed class RequestGenerator
{
    public const string Source = "fuzz";
    public const string Preset = "thumb";
    public const string PresetQuery = "w=32&h=24&fit=crop";

    /// <summary>Limits:MaxOutputPixels of the fuzz server: big enough for every valid request made here, small enough that none is slow.</summary>
    public const long MaxOutputPixels = 1_048_576;

    private static readonly string[] Fits = ["clip", "crop", "fill", "fillmax", "max", "min", "scale"];
    private static readonly string[] Known = ["w", "h", "dpr", "fit", "crop", "fp-x", "fp-y", "ar", "rect", "fm", "q", "auto", "bg", "blur", "sharp", "rot", "flip", "ch", "preset", "expires", "s"];
    private static readonly string[] Accepts =
    [
        "image/avif,image/webp,*/*", "image/webp,*/*;q=0.8", "*/*", "image/png", "image/jpeg", "text/html", "", "image/*",
        "image/webp;q=0", "image/avif;q=0.9, image/webp;q=0.5", "application/json", "*/*;q=abc", "image/webp;;;q=1,,,",
        "IMAGE/WEBP", "image/webp ; q=1.0000", "image/avif;q=-1", "image/webp;q=NaN", "image/apng,image/svg+xml,image/*,*/*;q=0.8",
    ];

    private static readonly string[] UnicodeRuns = ["ünïcödé", "日本語", "😀🎉", "١٢٣", "１２３", "ｃｒｏｐ", "e\u0301", "\u200b", "\u202e", "ß", "İ", "Ω", "\uFFFD", "𝟘𝟙"];
    private readonly Random _r;
    private readonly IReadOnlyList<PooledImage> _pool;

    /// <param name="seed">The run's seed: every worker draws the same pool of valid requests from it, so they share cached variants.</param>
    /// <param name="worker">This worker's number: its own requests are drawn from seed and worker.</param>
    public RequestGenerator(int seed, int worker)
    {
        _pool = new RequestGenerator(seed).MakePool();
        _r = new Random(unchecked((seed * 7919) + worker));
    }

    private RequestGenerator(int seed)
    {
        _r = new Random(seed);
        _pool = [];
    }

    /// <summary>The next request; only those meant to hit Kestrel's limits have a request line near its 8 KiB.</summary>
    public FuzzRequest Next()
    {
        while (true)
        {
            var request = Draw();
            if (request.Expect == Expectation.Refused || request.Target.Length < 7900)
            {
                return request;
            }
        }
    }

    private FuzzRequest Draw() => _r.Next(100) switch
    {
        < 28 => ValidImage(),
        < 29 => EngineFormat(),
        < 35 => NoisyHeaders(),
        < 37 => WidthHint(),
        < 57 => OneBadParameter(),
        < 61 => RepeatedParameter(),
        < 64 => OverlongValue(),
        < 72 => JunkQuery(),
        < 80 => HostilePath(),
        < 84 => MissingThings(),
        < 87 => VideoRoute(),
        < 98 => Original(),
        _ => KestrelLimits(),
    };

    /// <summary>Mostly a valid request from the shared pool, reordered and re-encoded; sometimes a new one.</summary>
    private FuzzRequest ValidImage()
    {
        var pooled = _pool[_r.Next(_pool.Count)];
        var (kind, key, spec) = _r.Next(100) < 97
            ? ("valid-repeat", pooled.Key, pooled.Spec)
            : ("valid", Pick(FuzzMedia.ImageKeys), ValidSpec(allowJson: true));
        var query = new List<(string Name, string Value)>(spec.Query);
        Shuffle(query);
        return new FuzzRequest(kind, Method(10), ImagePath(key) + Query(query), spec.Headers, Expectation.Image)
        {
            Size = spec.Size,
            ContentType = spec.ContentType,
        };
    }

    /// <summary>fm values an engine may or may not encode (ImageSharp has no AVIF or progressive JPEG encoder): the image, or a 400 naming fm.</summary>
    private FuzzRequest EngineFormat()
    {
        var fm = Pick("avif", "pjpg", "AVIF");
        return new FuzzRequest("engine-format", "GET", ImagePath(Pick(FuzzMedia.ImageKeys)) + $"?fm={fm}&w={_r.Next(1, 65)}", [], Expectation.ImageOrProblem);
    }

    /// <summary>Valid requests every worker repeats, in other orders and encodings: the same variant, served from cache.</summary>
    private List<PooledImage> MakePool() =>
        Enumerable.Range(0, 300).Select(_ => new PooledImage(Pick(FuzzMedia.ImageKeys), ValidSpec(allowJson: true))).ToList();

    /// <summary>A valid request with odd Accept and client-hint headers: headers are negotiated, never refused.</summary>
    private FuzzRequest NoisyHeaders()
    {
        var sized = _pool.Where(p => p.Spec.Query.Any(q => q.Name == "w") && p.Spec.Query.Any(q => q.Name == "h") && p.Spec.ContentType != "application/json").Take(30).ToList();
        var spec = sized.Count > 0 && _r.Next(10) > 0 ? sized[_r.Next(sized.Count)].Spec : ValidSpec(allowJson: false, forceSize: true);
        var query = spec.Query.Where(p => p.Name is not ("ch" or "preset")).ToList();
        query.Add(("ch", "Width,DPR,Save-Data"));
        Shuffle(query);
        var headers = new List<(string, string)>();
        switch (_r.Next(4))
        {
            case 0:
                headers.Add(("Accept", string.Join(",", Enumerable.Range(0, _r.Next(50, 800)).Select(_ => Pick(Accepts)))));
                break;
            case 1:
                headers.Add(("Accept", Pick(Accepts)));
                headers.Add(("Accept", Pick(Accepts)));
                break;
            default:
                headers.Add(("Accept", Pick(Accepts)));
                break;
        }

        headers.Add((Pick("DPR", "Sec-CH-DPR"), Pick("NaN", "Infinity", "-1", "0", "1e308", "999999", "2.5", "abc", "", "1,5", "0.0001", "4.000001", "١")));
        headers.Add((Pick("Width", "Sec-CH-Width"), Pick("-5", "0", "99999999999", "1.5", "abc", "", "4096", "2147483647", "١٢")));
        headers.Add(("Save-Data", Pick("on", "ON", "off", "1", "yes", "", "on, on")));
        headers.Add(("Viewport-Width", Pick("-1", "1e9", "x")));
        return new FuzzRequest("noisy-headers", Method(10), ImagePath(Pick(FuzzMedia.ImageKeys)) + Query(query), headers, Expectation.Image);
    }

    /// <summary>ch=Width with no w: the hint sets the width, clamped to 8192 and then to the output limit, and a malformed one is ignored.</summary>
    private FuzzRequest WidthHint()
    {
        var query = new List<(string Name, string Value)> { ("ch", Pick("Width", "width", "Width,Save-Data", "DPR, Width")) };
        var key = Pick("tiny.jpg", "tiny.png");
        var header = Pick("Width", "Sec-CH-Width");
        var roll = _r.Next(10);
        if (roll < 4)
        {
            var width = Pick(1, 2, 3, 7, 10, 16, 31, 32, 33, 48, 63, 64, 65, 99, 100, 101, 127, 128, 150, 199, 200, 255, 256, 300);
            return new FuzzRequest("width-hint", "GET", ImagePath(key) + Query(query), [(header, width.ToString(CultureInfo.InvariantCulture))], Expectation.Image)
            {
                Size = (width, Px(width * 0.75)),
            };
        }

        if (roll < 7)
        {
            // 1183 px wide and up is over 1 MP: clamped to 8192 or not, the output is scaled down to fit the limit, as imgix
            // renders within its maximum output size (docs.imgix.com/apis/rendering/size/width).
            var width = roll < 6 ? _r.Next(1183, 8193) : _r.NextInt64(8193, int.MaxValue);
            return new FuzzRequest("width-hint", "GET", ImagePath(key) + Query(query), [(header, width.ToString(CultureInfo.InvariantCulture))], Expectation.Image)
            {
                FitsWithin = (MaxOutputPixels, 1183),
            };
        }

        return new FuzzRequest("width-hint", "GET", ImagePath(key) + Query(query), [(header, Pick("-5", "0", "1.5", "abc", "99999999999999", "١٢", "0x10", "1e3"))], Expectation.Image)
        {
            Size = (FuzzMedia.Width, FuzzMedia.Height),
        };
    }

    private FuzzRequest OneBadParameter()
    {
        var spec = ValidSpec(allowJson: false);
        var name = Pick(Known.Where(n => n != "s").ToArray());
        spec.Query.RemoveAll(p => p.Name == name);
        spec.Query.Insert(_r.Next(spec.Query.Count + 1), (name, BadValue(name)));
        return new FuzzRequest("bad-parameter", Method(20), ImagePath(Pick(FuzzMedia.ImageKeys)) + Query(spec.Query), spec.Headers, Expectation.BadParameter) { Parameter = name };
    }

    private FuzzRequest RepeatedParameter()
    {
        var spec = ValidSpec(allowJson: false);
        var name = Pick(Known.Where(n => n != "auto").ToArray());
        spec.Query.RemoveAll(p => p.Name == name);
        var value = GoodValue(name);
        spec.Query.Insert(_r.Next(spec.Query.Count + 1), (name, value));
        spec.Query.Insert(_r.Next(spec.Query.Count + 1), (name, _r.Next(2) == 0 ? value : GoodValue(name)));
        return new FuzzRequest("repeated", "GET", ImagePath(Pick(FuzzMedia.ImageKeys)) + Query(spec.Query), spec.Headers, Expectation.BadParameter) { Parameter = name };
    }

    /// <summary>A known parameter longer than the parser's 256 characters, whatever it holds.</summary>
    private FuzzRequest OverlongValue()
    {
        var spec = ValidSpec(allowJson: false);
        var name = Pick(Known);
        spec.Query.RemoveAll(p => p.Name == name);
        var length = _r.Next(257, 1500);
        var value = _r.Next(3) switch
        {
            0 => new string('9', length),
            1 => GoodValue(name) + new string(' ', length),
            _ => RandomAscii(length),
        };
        spec.Query.Add((name, value));
        return new FuzzRequest("overlong-value", "GET", ImagePath(Pick(FuzzMedia.ImageKeys)) + Query(spec.Query), spec.Headers, Expectation.BadParameter) { Parameter = name };
    }

    /// <summary>Any names, any values, any encoding, malformed escapes and separators included.</summary>
    private FuzzRequest JunkQuery()
    {
        var parts = new List<string>();
        for (var i = _r.Next(1, 9); i > 0; i--)
        {
            var name = _r.Next(3) switch
            {
                0 => Pick(Known),
                1 => Pick("W", "width", "w ", " w", "w[]", "w%00", "utm_source", "", "=", "%77", "%2577", "fit%3D", "ünï", "__proto__", "s%3D"),
                _ => RandomAscii(_r.Next(1, 12)),
            };
            var value = JunkValue();
            parts.Add(_r.Next(4) == 0 ? EscapeLight(name) + "=" + EscapeLight(value) : Escape(name) + Pick("=", "==", "") + (_r.Next(3) == 0 ? EscapeLight(value) : Escape(value)));
        }

        var separator = Pick("&", "&", "&", "&&", ";", "&amp;");
        return new FuzzRequest("junk-query", Method(10), ImagePath(Pick(FuzzMedia.ImageKeys)) + "?" + string.Join(separator, parts), [("Accept", Pick(Accepts))], Expectation.ImageOrProblem);
    }

    private FuzzRequest HostilePath()
    {
        var roll = _r.Next(12);
        switch (roll)
        {
            case 0:
            case 1:
            {
                var escape = Pick(
                    "..%2f..%2fetc%2fpasswd", "..%2F..%2F..%2Ftiny.jpg", "%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "%252e%252e/%252e%252e/etc/passwd", "%252e%252e%252ftiny.jpg", "..%5c..%5cetc%5cpasswd", "..%5Ctiny.jpg", "/etc/passwd", "%2fetc%2fpasswd",
                    "C:%5cWindows%5cwin.ini", "c:/etc/passwd", "tiny.jpg%2f", "sub%2ftiny.jpg", "sub/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd", "%01tiny.jpg", "tiny%0a.jpg", "tiny%7f.jpg", "tiny%0d%0a.jpg", "sub//tiny.jpg", "sub/./tiny.jpg%2e");
                return new FuzzRequest("hostile-path", "GET", $"/img/{Source}/{escape}{MaybeQuery()}", [], Expectation.Problem);
            }

            case 2:
            {
                // Raw dot segments are removed by Kestrel before routing: what is left may be a real image, or nothing.
                var dots = Pick("sub/../tiny.jpg", "sub/%2e%2e/tiny.jpg", "%2e/tiny.jpg", "sub/%2E%2E/%2E%2E/tiny.jpg", "../fuzz/tiny.jpg", "../../etc/passwd", "./tiny.jpg", "sub/./../tiny.png", "a/b/../../tiny.gif", "..", ".");
                return new FuzzRequest("dot-segments", "GET", $"/img/{Source}/{dots}{MaybeQuery()}", [], Expectation.ImageOrProblem);
            }

            case 3:
                return new FuzzRequest("nul", "GET", $"/img/{Source}/tiny.jpg%00{Pick("", ".png", "/x")}", [], Expectation.Refused) { Statuses = [400] };
            case 4:
            case 5:
            {
                var spec = _r.Next(10) > 0 ? _pool[_r.Next(50)].Spec : ValidSpec(allowJson: true);
                return new FuzzRequest("unicode-key", Method(10), ImagePath(Pick("sub/ünï cødé.jpg", "sub/a+b & c=d.png")) + Query(spec.Query), spec.Headers, Expectation.Image)
                {
                    Size = spec.Size,
                    ContentType = spec.ContentType,
                };
            }

            case 6:
            {
                var missing = string.Concat(Enumerable.Range(0, _r.Next(1, 5)).Select(_ => Pick(UnicodeRuns.Where(u => u is not ("\u200b" or "\u202e" or "e\u0301")).ToArray()))) + Pick(".jpg", ".png", "");
                return new FuzzRequest("unicode-missing", "GET", ImagePath("sub/" + missing) + MaybeQuery(), [], Expectation.Problem) { Statuses = [404] };
            }

            case 7:
            {
                // Names longer than a file system allows (255 bytes a segment) are still just missing.
                var segments = Enumerable.Range(0, _r.Next(1, 4)).Select(_ => RandomLetters(_r.Next(200, 340)));
                return new FuzzRequest("long-key", "GET", ImagePath(string.Join("/", segments) + ".jpg") + MaybeQuery(), [], Expectation.Problem) { Statuses = [400, 404] };
            }

            case 8:
                return new FuzzRequest("key-too-long", "GET", ImagePath(RandomLetters(_r.Next(1025, 6000))), [], Expectation.Problem) { Statuses = [400] };
            case 9:
                return new FuzzRequest("directory-key", "GET", $"/img/{Source}/{Pick("sub", "sub/", "sub//", "fuzz", "%2e", "tiny.jpg/", "tiny.jpg/x.jpg")}{MaybeQuery()}", [], Expectation.Problem);
            case 10:
                return new FuzzRequest("key-case", "GET", ImagePath(Pick("TINY.JPG", "tiny.jpg.", "tiny.jpg%20", " tiny.jpg", "tiny.jpeg", "tiny.jpg%3Fw=10", "tiny.jpg;w=10", "tiny.jpg%23x")), [], Expectation.Problem) { Statuses = [400, 404] };
            default:
            {
                var bytes = Pick("%c0%ae%c0%ae/", "..%c0%af..%c0%af", "%ff%fe", "%e0%80%ae", "%f0%28%8c%28", "%ed%a0%80", "%c3", "%", "%zz", "%2", "%u002e");
                return new FuzzRequest("bad-utf8", "GET", $"/img/{Source}/{bytes}tiny.jpg", [], Expectation.Refused);
            }
        }
    }

    private FuzzRequest MissingThings()
    {
        switch (_r.Next(6))
        {
            case 0:
            {
                var source = Pick(RandomLetters(_r.Next(1, 20)), Escape(Pick(UnicodeRuns)), "fuzz%20", "local%2f..", "%2e%2e");
                return new FuzzRequest("unknown-source", "GET", $"/img/{source}/tiny.jpg{MaybeQuery()}", [], Expectation.Problem);
            }

            case 1:
                return new FuzzRequest("missing-key", Method(5), ImagePath($"missing-{_r.Next()}.{Pick("jpg", "png", "gif", "")}") + MaybeQuery(), [], Expectation.Problem) { Statuses = [404] };
            case 2:
                return new FuzzRequest("no-route", "GET", Pick("/", "/img", "/img/", "/imgx/fuzz/tiny.jpg", "/favicon.ico", "/img/fuzz", "/o/", "/o/fuzz", "/video/fuzz", "/%69mg", "/admin", "/.env", "/img%2ffuzz%2ftiny.jpg"), [], Expectation.Problem);
            case 3:
                return new FuzzRequest("route-case", "GET", Pick("/IMG/fuzz/tiny.jpg", "/Img/fuzz/tiny.jpg?w=10", "/img/FUZZ/tiny.jpg"), [], Expectation.ImageOrProblem);
            case 4:
                return new FuzzRequest("method", Pick("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"), ImagePath("tiny.jpg") + MaybeQuery(), [], Expectation.Problem) { Statuses = [405] };
            default:
                return new FuzzRequest("method", Pick("POST", "DELETE", "OPTIONS"), "/o/fuzz/tiny.bin", [], Expectation.Problem) { Statuses = [405] };
        }
    }

    /// <summary>Video routes, refused before ffmpeg runs: parameters out of range, unknown operations, missing keys.</summary>
    private FuzzRequest VideoRoute()
    {
        var missing = $"/video/{Source}/missing-{_r.Next(1000)}.mp4";
        switch (_r.Next(7))
        {
            case 0:
                return new FuzzRequest("video", Method(5), $"{missing}/thumbnail.{Pick("jpg", "png", "webp")}?time={Number(_r.Next(0, 30))}", [], Expectation.Problem) { Statuses = [404] };
            case 1:
                return new FuzzRequest("video", "GET", $"/video/{Source}/x.mp4/thumbnail.jpg?time={Escape(Pick("-1", "abc", "NaN", "Infinity", "1e3", "", "1,5", "１"))}", [], Expectation.BadParameter) { Parameter = "time" };
            case 2:
                return new FuzzRequest("video", "GET", $"/video/{Source}/x.mp4/{Pick("thumbnail.bmp", "thumbnail", "preview.gif", "animated.mp4", "storyboard.png", ".jpg", "thumbnail.", "%2e%2e.jpg")}", [], Expectation.Problem);
            case 3:
                return new FuzzRequest("video", "GET", $"/video/{Source}/{Pick("thumbnail.jpg", "animated.gif", "storyboard.vtt")}", [], Expectation.Problem) { Statuses = [400] };
            case 4:
            {
                var (name, value) = Pick(("start", "-1"), ("end", "abc"), ("fps", "0"), ("fps", "1000"), ("w", "99999"), ("h", "0"), ("start", "NaN"), ("w", "1.5"));
                return new FuzzRequest("video", "GET", $"{missing}/animated.{Pick("gif", "webp")}?{name}={value}", [], Expectation.BadParameter) { Parameter = name };
            }

            case 5:
            {
                var (name, value) = Pick(("interval", "0"), ("interval", "99999"), ("interval", "x"), ("w", "8"), ("w", "100000"), ("sprite", "bmp"), ("sprite", ""));
                return new FuzzRequest("video", "GET", $"{missing}/storyboard.{Pick("vtt", "json", "jpg")}?{name}={value}", [], Expectation.BadParameter) { Parameter = name };
            }

            default:
                return new FuzzRequest("video", "GET", $"{missing}/thumbnail.jpg?w={Pick("0", "abc", "99999")}", [], Expectation.BadParameter) { Parameter = "w" };
        }
    }

    private FuzzRequest Original()
    {
        var path = $"/o/{Source}/{FuzzMedia.OriginalKey}";
        if (_r.Next(12) == 0)
        {
            return new FuzzRequest("original-missing", "GET", Pick($"/o/{Source}/missing-{_r.Next()}", $"/o/{Source}/..%2f..%2fetc%2fpasswd", $"/o/{Source}/%2e%2e/x", $"/o/nosuch/{FuzzMedia.OriginalKey}", $"/o/{Source}/sub"), [], Expectation.Problem);
        }

        if (_r.Next(10) == 0)
        {
            return new FuzzRequest("original-head", "HEAD", path, [("Range", "bytes=0-10")], Expectation.Original);
        }

        var headers = new List<(string, string)>();
        IReadOnlyList<(long, long)>? expected;
        string header;
        var roll = _r.Next(20);
        if (roll == 0)
        {
            header = Pick("bytes=", "bytes", "bytes=-", "bytes=5-2", "bytes=abc", "bytes=1-2-3", "bytes=0-1,,2-3", "items=0-10", "bytes 0-10", "bytes=0-99999999999999999999", "bytes=--1", "bytes=+1-2", "bytes=0x10-20", "bytes=١-٢");
            expected = null;
        }
        else if (roll == 1)
        {
            var count = _r.Next(17, 1001);
            header = "bytes=" + string.Join(",", Enumerable.Range(0, count).Select(_ => Spec(out (long, long)? _)));
            expected = null;
        }
        else
        {
            var count = roll < 12 ? 1 : _r.Next(2, 17);
            var specs = new List<string>();
            var wanted = new List<(long, long)>();
            for (var i = 0; i < count; i++)
            {
                specs.Add(Spec(out var range));
                if (range is { } r)
                {
                    wanted.Add(r);
                }
            }

            header = Pick("bytes=", "bytes=", "BYTES=", "Bytes= ") + string.Join(Pick(",", ", ", " , "), specs);
            expected = Coalesce(wanted);
        }

        headers.Add(("Range", header));
        if (_r.Next(15) == 0)
        {
            // An If-Range that cannot match: the Range is ignored and the whole comes back.
            headers.Add(("If-Range", Pick("\"nope\"", "Tue, 01 Jan 1980 00:00:00 GMT", "garbage", "W/\"weak\"")));
            expected = null;
        }
        else if (_r.Next(15) == 0)
        {
            headers.Add(("If-None-Match", Pick("\"nope\"", "W/\"nope\", \"other\"", "garbage")));
        }

        return new FuzzRequest("original-range", "GET", path, headers, Expectation.Original) { Ranges = expected };
    }

    private FuzzRequest KestrelLimits() => _r.Next(3) switch
    {
        0 => new FuzzRequest("request-line", "GET", ImagePath("tiny.jpg") + "?x=" + RandomLetters(_r.Next(8300, 12000)), [], Expectation.Refused) { Statuses = [414] },
        1 => new FuzzRequest("header-size", "GET", ImagePath("tiny.jpg"), [("Accept", RandomAscii(_r.Next(33 * 1024, 48 * 1024)))], Expectation.Refused) { Statuses = [431] },
        _ => new FuzzRequest("header-count", "GET", ImagePath("tiny.jpg"), Enumerable.Range(0, _r.Next(140, 300)).Select(i => ($"X-Fuzz-{i}", RandomLetters(240))).ToList(), Expectation.Refused) { Statuses = [431] },
    };

    /// <summary>One range spec, and the inclusive range it asks for within the original where satisfiable.</summary>
    private string Spec(out (long Start, long End)? range)
    {
        const long length = FuzzMedia.OriginalLength;
        switch (_r.Next(3))
        {
            case 0:
            {
                var start = (long)_r.Next(0, 1200);
                var end = _r.Next(8) == 0 ? long.MaxValue : start + _r.Next(0, 500);
                range = start < length ? (start, Math.Min(end, length - 1)) : null;
                return $"{start}-{end}";
            }

            case 1:
            {
                var start = (long)_r.Next(0, 1200);
                range = start < length ? (start, length - 1) : null;
                return $"{start}-";
            }

            default:
            {
                var suffix = (long)_r.Next(0, 1500);
                range = suffix > 0 ? (Math.Max(0, length - suffix), length - 1) : null;
                return $"-{suffix}";
            }
        }
    }

    private static List<(long Start, long End)> Coalesce(List<(long Start, long End)> ranges)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, r.End));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>A valid query, its headers, and what it must produce where the size rules make that plain.</summary>
    private ValidQuery ValidSpec(bool allowJson, bool forceSize = false)
    {
        var q = new List<(string Name, string Value)>();
        var headers = new List<(string Name, string Value)>();
        int? w = null, h = null;
        var ratio = false;
        switch (forceSize ? 3 : _r.Next(7))
        {
            case 0:
                break;
            case 1:
                w = _r.Next(1, 101);
                break;
            case 2:
                h = _r.Next(1, 101);
                break;
            case 3:
            case 4:
                w = _r.Next(1, 101);
                h = _r.Next(1, 101);
                break;
            default:
                ratio = true;
                q.Add((Pick("w", "h"), Pick("0.5", ".25", "0.75", "1.0", "0.01", "0.999", "1.")));
                break;
        }

        if (w is { } wv)
        {
            q.Add(("w", Pixels(wv)));
        }

        if (h is { } hv)
        {
            q.Add(("h", Pixels(hv)));
        }

        double? dpr = null;
        if (_r.Next(4) == 0)
        {
            dpr = Pick(1, 1.5, 2, 3, 4);
            q.Add(("dpr", Pick(dpr.Value.ToString(CultureInfo.InvariantCulture), dpr.Value.ToString("0.0", CultureInfo.InvariantCulture))));
        }

        string? fit = null;
        if (_r.Next(2) == 0)
        {
            fit = Pick(Fits);
            q.Add(("fit", RandomCase(fit)));
        }

        if (_r.Next(5) == 0)
        {
            q.Add(("crop", Pick("top", "bottom", "left", "right", "center", "entropy", "focalpoint", "top,left", "bottom,right", "entropy,top", "FocalPoint", "top , left")));
        }

        if (_r.Next(8) == 0)
        {
            q.Add(("fp-x", Pick("0", "1", "0.5", "0.123", "1.0")));
            q.Add(("fp-y", Pick("0", "1", "0.5", "0.987")));
        }

        if (_r.Next(6) == 0)
        {
            q.Add(("ar", Pick("16:9", "9:16", "1:1", "4:3", "3:2", "2:1", "1:2", "1.5:1")));
        }

        if (_r.Next(6) == 0)
        {
            // Inside the source whatever the rotation (any turned 64x48 is at least 48x48), at least 16x16: bounded aspect, bounded output.
            q.Add(("rect", $"{_r.Next(0, 25)},{_r.Next(0, 25)},{_r.Next(16, 65)},{_r.Next(16, 49)}"));
        }

        string? contentType = null;
        if (_r.Next(3) == 0)
        {
            var fm = allowJson ? Pick("jpg", "jpeg", "png", "webp", "gif", "json") : Pick("jpg", "jpeg", "png", "webp", "gif");
            q.Add(("fm", RandomCase(fm)));
            contentType = fm switch
            {
                "jpg" or "jpeg" => "image/jpeg",
                "json" => "application/json",
                _ => "image/" + fm,
            };
        }

        if (_r.Next(5) == 0)
        {
            q.Add(("q", Number(_r.Next(1, 101))));
        }

        if (_r.Next(5) == 0)
        {
            if (_r.Next(4) == 0)
            {
                q.Add(("auto", "format"));
                q.Add(("auto", "compress"));
            }
            else
            {
                q.Add(("auto", Pick("format", "compress", "format,compress", "compress,format", "FORMAT", "format, compress")));
            }

            headers.Add(("Accept", Pick(Accepts)));
        }

        if (_r.Next(8) == 0)
        {
            var digits = Pick(3, 4, 6, 8);
            q.Add(("bg", (_r.Next(3) == 0 ? "#" : "") + string.Concat(Enumerable.Range(0, digits).Select(_ => "0123456789abcdefABCDEF"[_r.Next(22)]))));
        }

        if (_r.Next(8) == 0)
        {
            // The heaviest blur only where the output is the 64x48 source: boundary values, cheaply.
            q.Add(("blur", Number(w is null && h is null && !ratio && dpr is null && _r.Next(2) == 0 ? Pick(0, 2000) : _r.Next(0, 41))));
        }

        if (_r.Next(8) == 0)
        {
            q.Add(("sharp", Number(_r.Next(0, 101))));
        }

        if (_r.Next(6) == 0)
        {
            q.Add(("rot", Number(Pick(0, 90, 180, 270, 359, _r.Next(0, 360)))));
        }

        if (_r.Next(8) == 0)
        {
            q.Add(("flip", Pick("h", "v", "hv", "vh", "H")));
        }

        double? hintedDpr = null;
        if (_r.Next(8) == 0)
        {
            var hints = new[] { "Width", "DPR", "Save-Data" }.Where(_ => _r.Next(2) == 0).ToList();
            if (hints.Count > 0)
            {
                q.Add(("ch", string.Join(Pick(",", ", "), hints.Select(RandomCase))));
                if (hints.Contains("DPR") && _r.Next(2) == 0)
                {
                    hintedDpr = Pick(1, 1.5, 2, 3);
                    headers.Add((Pick("DPR", "Sec-CH-DPR"), hintedDpr.Value.ToString(CultureInfo.InvariantCulture)));
                }

                if (hints.Contains("Save-Data"))
                {
                    headers.Add(("Save-Data", Pick("on", "off")));
                }

                if (hints.Contains("Width") && w is not null)
                {
                    // Ignored: w is given.
                    headers.Add(("Width", Number(_r.Next(1, 5000))));
                }
            }
        }

        var preset = !forceSize && _r.Next(10) == 0;
        if (preset)
        {
            q.Add(("preset", Preset));
        }

        if (_r.Next(20) == 0)
        {
            q.Add(("expires", Pick("0", "1767225600", "9223372036854775807", "00001")));
        }

        for (var i = _r.Next(4) == 0 ? _r.Next(1, 4) : 0; i > 0; i--)
        {
            var value = _r.Next(5) == 0 ? RandomAscii(_r.Next(300, 1500)) : JunkValue();
            q.Add((Pick("W", "width", "w ", "utm_source", "Fit", "ünï", "callback", "s_", "x-fm", "format", "size"), value));
        }

        Shuffle(q);

        var effectiveW = ratio ? null : w ?? (preset && !q.Any(p => p.Name is "w") ? 32 : null);
        var effectiveH = ratio ? null : h ?? (preset && !q.Any(p => p.Name is "h") ? 24 : null);
        var effectiveFit = fit ?? (preset ? "crop" : "clip");
        var d = dpr ?? hintedDpr ?? 1;
        (int, int)? size = contentType != "application/json" && effectiveW is { } ew && effectiveH is { } eh && effectiveFit is "scale" or "crop" or "fill"
            ? (Px(ew * d), Px(eh * d))
            : null;
        if (!ratio && w is null && h is null && !preset && contentType != "application/json" && !q.Any(p => p.Name is "rect" or "rot" or "ar"))
        {
            size = (FuzzMedia.Width, FuzzMedia.Height);
        }

        return new ValidQuery(q, headers, size, contentType);
    }

    private string GoodValue(string name) => name switch
    {
        "w" or "h" => Pixels(_r.Next(1, 101)),
        "dpr" => Pick("1", "2"),
        "fit" => Pick(Fits),
        "crop" => Pick("top", "entropy"),
        "fp-x" or "fp-y" => "0.5",
        "ar" => "1:1",
        "rect" => "0,0,16,16",
        "fm" => Pick("png", "jpg"),
        "q" => Number(_r.Next(1, 101)),
        "auto" => "format",
        "bg" => "fff",
        "blur" or "sharp" => Number(_r.Next(0, 10)),
        "rot" => Pick("0", "90"),
        "flip" => Pick("h", "v"),
        "ch" => "DPR",
        "preset" => Preset,
        "expires" => "1767225600",
        "s" => "abc",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>A value the parameter must refuse: out of range, malformed, or not even text of the right kind.</summary>
    private string BadValue(string name)
    {
        if (_r.Next(6) == 0)
        {
            return Pick("", " ", Pick(UnicodeRuns) + Pick(UnicodeRuns), "\u3000", "\t");
        }

        string[] numbers = ["abc", "NaN", "Infinity", "-Infinity", "∞", "0x10", "1e3", "١٢", "１２", "+-1", "--1", "1..5", "1,000", "%", "null", "[]", "{}", "true"];
        return name switch
        {
            "w" or "h" => _r.Next(4) == 0
                ? HugeDigits()
                : Pick([.. numbers, "0", "-1", "65537", "99999", "2147483648", "-2147483649", "1.5", "0.0", "-0.5", ".0", "-0", "64px", "8192.5", "1.0000001", "0.0000"]),
            "dpr" => _r.Next(4) == 0 ? HugeDigits() : Pick([.. numbers, "0", "0.0", "5.01", "6", "-1", "-2"]),
            "fp-x" or "fp-y" => Pick([.. numbers, "-0.1", "1.01", "2", "1e-1", HugeDigits()]),
            "q" => Pick([.. numbers, "0", "101", "-1", "50.5", "+50", HugeDigits()]),
            "blur" => Pick([.. numbers, "-1", "2001", "1.5", HugeDigits()]),
            "sharp" => Pick([.. numbers, "-1", "101", "1.5", HugeDigits()]),
            "rot" => Pick([.. numbers, "-1", "360", "1.5", "720", HugeDigits()]),
            "expires" => Pick("abc", "-1", "1.5", "99999999999999999999", "1e9", "+1", "0x10", "١"),
            "rect" => Pick("0,0,0,10", "0,0,10,0", "-1,0,10,10", "a,b,c,d", "0,0,10", "0,0,10,10,10", "5000,0,10,10", "0,5000,10,10", "0,0,65536,10", "99999999999,0,1,1", "1,1,1,1,", "0;0;10;10", "0,0,10,10px", "0,0,1e1,10"),
            "fit" => Pick("stretch", "clip,crop", "CROPS", "cr op", "ｃｒｏｐ", "fill max", "inside", "0"),
            "crop" => Pick("middle", "top,bottom", "left,right", "top,", ",", "top;left", "entropy,xyz", "TOP,BOTTOM", "top,,left"),
            "fm" => Pick("tiff", "jpgg", "image/png", "ｐｎｇ", "svg", "bmp", "heic", "jp g", "png,jpg"),
            "auto" => Pick("enhance", "format,", "format,enhance", "redeye", "format;compress", ",format"),
            "bg" => Pick("zzz", "12", "12345", "1234567", "123456789", "#12", "ff00zz", "rgb(0,0,0)", "red", "##fff", "0xfff"),
            "flip" => Pick("x", "hh", "h,v", "horizontal", "vv", "hvh", "1"),
            "ch" => Pick("Viewport-Width", "Width,", "ECT", "width;dpr", "Width,,DPR", "*"),
            "preset" => Pick("nope", "THUMB", "thumb ", " thumb", "../thumb", "thumb%00"),
            "ar" => Pick("16x9", "16:0", "0:9", "1:1000", "1000:1", "-16:9", "16:9:1", ":", "a:b", "NaN:1", "Infinity:1", "1e2:1", "16"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private string JunkValue() => _r.Next(12) switch
    {
        0 => HugeDigits(),
        1 => Pick("-1", "0", "-0", "NaN", "Infinity", "1e308", "4.9e-324", "2147483648", "-9223372036854775809", "0.00000000000000000001"),
        2 => string.Concat(Enumerable.Range(0, _r.Next(1, 6)).Select(_ => Pick(UnicodeRuns))),
        3 => Pick("%2F..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", "..", "%2e%2e", "%00", "\u0000", "%0d%0aSet-Cookie:%20x=1", "<script>alert(1)</script>", "'; DROP TABLE x;--", "${jndi:ldap://x}"),
        4 => RandomAscii(_r.Next(1, 40)),
        5 => "",
        6 => Pick("1=2", "a&b", "%26s%3Dx", "%", "%zz", "%e2%82", "+", "++", "%20"),
        7 => Number(_r.Next(-10, 10000)),
        8 => Pick(Fits) + Pick("", ",", ", crop"),
        9 => RandomLetters(_r.Next(100, 1500)),
        10 => Pick("format", "compress", "png", "webp", "jpg", "h", "v", "top", "Width", "thumb", "1:1", "0,0,10,10", "fff"),
        _ => Number(_r.NextDouble() * 3),
    };

    private string MaybeQuery() => _r.Next(2) == 0 ? "" : "?w=" + Number(_r.Next(1, 100));

    private string Method(int headOneIn) => _r.Next(headOneIn) == 0 ? "HEAD" : "GET";

    private static string ImagePath(string key) => $"/img/{Source}/" + string.Join("/", key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Renders pairs as a query: usually escaped as a browser would, sometimes every byte escaped, which means the same.</summary>
    private string Query(List<(string Name, string Value)> pairs) =>
        pairs.Count == 0 ? "" : "?" + string.Join("&", pairs.Select(p => (_r.Next(20) == 0 ? EscapeAll(p.Name) : Escape(p.Name)) + "=" + (_r.Next(20) == 0 ? EscapeAll(p.Value) : Escape(p.Value))));

    private static string Escape(string s) => Uri.EscapeDataString(s);

    /// <summary>Escapes only what cannot stand in a request line (spaces, '#', controls, non-ASCII), leaving '%', '&amp;' and '=' as they are.</summary>
    private static string EscapeLight(string s) =>
        string.Concat(Encoding.UTF8.GetBytes(s).Select(b => b is > 0x20 and < 0x7F and not (byte)'#' ? ((char)b).ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string EscapeAll(string s) => string.Concat(Encoding.UTF8.GetBytes(s).Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static int Px(double value) => Math.Max(1, (int)Math.Round(value, MidpointRounding.AwayFromZero));

    /// <summary>A whole number as text, sometimes with a leading zero (which parses the same).</summary>
    private string Number(long value) => _r.Next(10) == 0 ? "0" + value.ToString(CultureInfo.InvariantCulture) : Number((double)value);

    /// <summary>A size in pixels, sometimes written as 64.0 (still pixels above 1; 1.0 would be a ratio).</summary>
    private string Pixels(long value) => value > 1 && _r.Next(10) == 0 ? value.ToString("0.0", CultureInfo.InvariantCulture) : Number(value);

    private string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private string HugeDigits() => (char)('1' + _r.Next(9)) + string.Concat(Enumerable.Range(0, _r.Next(8, 300)).Select(_ => (char)('0' + _r.Next(10))));

    private string RandomAscii(int length) => string.Create(length, _r, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)r.Next(0x21, 0x7F);
        }
    });

    private string RandomLetters(int length) => string.Create(length, _r, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + r.Next(26));
        }
    });

    private string RandomCase(string s) => _r.Next(4) switch
    {
        0 => s.ToUpperInvariant(),
        1 => string.Concat(s.Select(c => _r.Next(2) == 0 ? char.ToUpperInvariant(c) : c)),
        _ => s,
    };

    private T Pick<T>(params T[] items) => items[_r.Next(items.Length)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _r.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed record PooledImage(string Key, ValidQuery Spec);

    private sealed record ValidQuery(List<(string Name, string Value)> Query, List<(string Name, string Value)> Headers, (int Width, int Height)? Size, string? ContentType);
}
