using System.Text;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>One scrape of /metrics, parsed from the Prometheus text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText
{
    private readonly IReadOnlyList<Sample> _samples;

    private PrometheusText(string text, IReadOnlyList<Sample> samples)
    {
        Text = text;
        _samples = samples;
    }

    public string Text { get; }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new PrometheusText(text, samples);
    }

    /// <summary>The sum over every series of <paramref name="name"/> whose labels include all of <paramref name="labels"/>; 0 where none exists yet.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>True where at least one series of <paramref name="name"/> is exposed.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The lines of the series named <paramref name="prefix"/>…, for a failure message.</summary>
    public string Lines(string prefix) =>
        string.Join('\n', Text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));

    /// <summary><c>name{a="x",b="y"} value [timestamp]</c>; label values may hold escaped quotes, backslashes and newlines.</summary>
    private static Sample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        if (nameEnd < 0)
        {
            throw new FormatException($"No value in the sample line '{line}'.");
        }

        var name = line[..nameEnd];
        var at = nameEnd;
        if (line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals].Trim();
                if (line[equals + 1] != '"')
                {
                    throw new FormatException($"An unquoted label value in '{line}'.");
                }

                var value = new StringBuilder();
                at = equals + 2;
                for (; line[at] != '"'; at++)
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] == 'n' ? '\n' : line[at]);
                    }
                    else
                    {
                        value.Append(line[at]);
                    }
                }

                labels[label] = value.ToString();
                at++;
                if (line[at] == ',')
                {
                    at++;
                }
            }

            at++;
        }

        var fields = line[at..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }
}
