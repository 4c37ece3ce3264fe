namespace MediaEdge.Shield;

/// <summary>
/// CDN-Cache-Control (RFC 9213): a Structured Field Dictionary (RFC 8941 §3.2) with Cache-Control's directives, which a
/// CDN obeys instead of Cache-Control. A field that is not a valid Dictionary, or whose max-age, s-maxage,
/// stale-while-revalidate or stale-if-error is not a non-negative Integer, is ignored whole (RFC 9213 §2.1).
/// </summary>
public static class CdnCacheControl
{
    /// <summary>The directives of every CDN-Cache-Control line joined; null where there is none or it is invalid.</summary>
    public static CacheControl? Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var members = new Dictionary<string, object>(StringComparer.Ordinal);
        var reader = new Reader(string.Join(",", lines));
        if (!reader.TryDictionary(members))
        {
            return null;
        }

        var d = new CacheControl();
        foreach (var (name, value) in members)
        {
            TimeSpan? Seconds() => value is long n && n >= 0 ? TimeSpan.FromSeconds(Math.Min(n, (long)CacheControl.MaxDelta.TotalSeconds)) : null;
            switch (name)
            {
                case "max-age" or "s-maxage" or "stale-while-revalidate" or "stale-if-error" when Seconds() is null:
                    return null;
                case "max-age":
                    d = d with { MaxAge = Seconds() };
                    break;
                case "s-maxage":
                    d = d with { SharedMaxAge = Seconds() };
                    break;
                case "stale-while-revalidate":
                    d = d with { StaleWhileRevalidate = Seconds() };
                    break;
                case "stale-if-error":
                    d = d with { StaleIfError = Seconds() };
                    break;
                case "no-store" when value is true:
                    d = d with { NoStore = true };
                    break;
                case "no-cache" when value is true:
                    d = d with { NoCache = true };
                    break;
                case "private" when value is true:
                    d = d with { Private = true };
                    break;
                case "public" when value is true:
                    d = d with { Public = true };
                    break;
                case "must-revalidate" when value is true:
                    d = d with { MustRevalidate = true };
                    break;
                case "proxy-revalidate" when value is true:
                    d = d with { ProxyRevalidate = true };
                    break;
                case "immutable" when value is true:
                    d = d with { Immutable = true };
                    break;
            }
        }

        return d;
    }

    /// <summary>RFC 8941 §4.2 parsing, enough to tell a valid Dictionary: bare items as long, decimal, string, token, byte[] or bool.</summary>
    private ref struct Reader(string text)
    {
        private readonly string _s = text;
        private int _i;

        public bool TryDictionary(Dictionary<string, object> members)
        {
            SkipSpaces();
            if (_i == _s.Length)
            {
                return false;
            }

            while (_i < _s.Length)
            {
                if (!TryKey(out var key))
                {
                    return false;
                }

                object value = true;
                if (Peek() == '=')
                {
                    _i++;
                    if (!TryMemberValue(out value))
                    {
                        return false;
                    }
                }
                else if (!TryParameters())
                {
                    return false;
                }

                members[key] = value;
                SkipOws();
                if (_i == _s.Length)
                {
                    return true;
                }

                if (Peek() != ',')
                {
                    return false;
                }

                _i++;
                SkipOws();
                if (_i == _s.Length)
                {
                    return false;
                }
            }

            return true;
        }

        private bool TryMemberValue(out object value)
        {
            if (Peek() != '(')
            {
                return TryBareItem(out value) && TryParameters();
            }

            value = "inner-list";
            _i++;
            while (true)
            {
                SkipSpaces();
                if (Peek() == ')')
                {
                    _i++;
                    return TryParameters();
                }

                if (!TryBareItem(out _) || !TryParameters() || Peek() is not (' ' or ')'))
                {
                    return false;
                }
            }
        }

        private bool TryParameters()
        {
            while (Peek() == ';')
            {
                _i++;
                SkipSpaces();
                if (!TryKey(out _))
                {
                    return false;
                }

                if (Peek() == '=')
                {
                    _i++;
                    if (!TryBareItem(out _))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool TryKey(out string key)
        {
            var start = _i;
            if (_i < _s.Length && (char.IsAsciiLetterLower(_s[_i]) || _s[_i] == '*'))
            {
                _i++;
                while (_i < _s.Length && (char.IsAsciiLetterLower(_s[_i]) || char.IsAsciiDigit(_s[_i]) || _s[_i] is '_' or '-' or '.' or '*'))
                {
                    _i++;
                }
            }

            key = _s[start.._i];
            return key.Length > 0;
        }

        private bool TryBareItem(out object value)
        {
            value = false;
            var c = Peek();
            if (c == '-' || char.IsAsciiDigit(c))
            {
                return TryNumber(out value);
            }

            if (c == '"')
            {
                _i++;
                for (; _i < _s.Length; _i++)
                {
                    if (_s[_i] == '\\')
                    {
                        if (++_i >= _s.Length || _s[_i] is not ('"' or '\\'))
                        {
                            return false;
                        }
                    }
                    else if (_s[_i] == '"')
                    {
                        _i++;
                        value = "string";
                        return true;
                    }
                    else if (_s[_i] is < ' ' or > '~')
                    {
                        return false;
                    }
                }

                return false;
            }

            if (c == '*' || char.IsAsciiLetter(c))
            {
                while (_i < _s.Length && (char.IsAsciiLetterOrDigit(_s[_i]) || "!#$%&'*+-.^_`|~:/".Contains(_s[_i])))
                {
                    _i++;
                }

                value = "token";
                return true;
            }

            if (c == ':')
            {
                var end = _s.IndexOf(':', _i + 1);
                if (end < 0 || _s[(_i + 1)..end].Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '+' or '/' or '=')))
                {
                    return false;
                }

                _i = end + 1;
                value = "binary";
                return true;
            }

            if (c == '?' && _i + 1 < _s.Length && _s[_i + 1] is '0' or '1')
            {
                value = _s[_i + 1] == '1';
                _i += 2;
                return true;
            }

            return false;
        }

        private bool TryNumber(out object value)
        {
            value = 0L;
            var start = _i;
            if (Peek() == '-')
            {
                _i++;
            }

            var digits = 0;
            var dot = -1;
            while (_i < _s.Length && (char.IsAsciiDigit(_s[_i]) || (_s[_i] == '.' && dot < 0)))
            {
                if (_s[_i] == '.')
                {
                    dot = digits;
                }
                else
                {
                    digits++;
                }

                _i++;
            }

            if (digits == 0 || (dot < 0 && digits > 15) || (dot >= 0 && (dot > 12 || digits - dot is < 1 or > 3)))
            {
                return false;
            }

            value = dot < 0 ? long.Parse(_s[start.._i], System.Globalization.CultureInfo.InvariantCulture) : "decimal";
            return true;
        }

        private readonly char Peek() => _i < _s.Length ? _s[_i] : '\0';

        private void SkipSpaces()
        {
            while (_i < _s.Length && _s[_i] == ' ')
            {
                _i++;
            }
        }

        private void SkipOws()
        {
            while (_i < _s.Length && _s[_i] is ' ' or '\t')
            {
                _i++;
            }
        }
    }
}
