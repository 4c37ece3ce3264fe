using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Clients;

/// <summary>One candidate of a srcset: its URL and its descriptor, a width (<c>640w</c>) or a density (<c>2x</c>).</summary>
public sealed record SrcsetCandidate(string Url, int? Width, double? Density);

/// <summary>A srcset one client library generated, for one layout (<c>fixed</c>: 400 px wide; <c>full-width</c>).</summary>
public sealed record ClientSrcset(string Client, string Layout, IReadOnlyList<SrcsetCandidate> Candidates);

/// <summary>
/// What the real npm client libraries generate: runs <c>node tests/clients/srcsets.mjs</c> (installed by <c>npm ci</c> in
/// tests/clients, as scripts/test.sh does) once per test run and parses the srcsets it prints. Missing node or packages fail
/// the test that asks, with what to run; they never skip it.
/// </summary>
public static partial class ClientSrcsets
{
    /// <summary>The origin the clients are given; the tests request each URL's path and query from the test server.</summary>
    public const string Origin = "https://edge.example.com";

    /// <summary>The plain source and the one signed with imgix's scheme; both hold <see cref="Key"/>.</summary>
    public const string Source = "local";
    public const string SignedSource = "imgix-signed";
    public const string Key = "clients/wide.jpg";
    public const string Token = "Sx4BjnE9sK2mWq7R";

    private static readonly ConcurrentDictionary<string, Lazy<Task<Output>>> Runs = new(StringComparer.Ordinal);

    /// <summary>The unsigned srcsets, by client and layout, and js-core's signed ones.</summary>
    public sealed record Output(IReadOnlyList<ClientSrcset> Srcsets, IReadOnlyList<ClientSrcset> Signed);

    /// <summary>What the clients generate for <paramref name="key"/> (on both sources); node runs once per key.</summary>
    public static Task<Output> GetAsync(string key = Key) =>
        Runs.GetOrAdd(key, k => new Lazy<Task<Output>>(() => RunAsync(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A srcset attribute's candidates (HTML's rules, as browsers split them: a comma followed by white space ends one).</summary>
    public static IReadOnlyList<SrcsetCandidate> Parse(string srcset) =>
        CandidateSeparator().Split(srcset.Trim()).Select(candidate =>
        {
            var parts = candidate.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var descriptor = parts.Length > 1 ? parts[^1] : "1x";
            return descriptor[^1] switch
            {
                'w' => new SrcsetCandidate(parts[0], int.Parse(descriptor[..^1], CultureInfo.InvariantCulture), null),
                'x' => new SrcsetCandidate(parts[0], null, double.Parse(descriptor[..^1], CultureInfo.InvariantCulture)),
                _ => throw new FormatException($"'{descriptor}' is not a srcset descriptor (in '{candidate}')."),
            };
        }).ToList();

    private static async Task<Output> RunAsync(string key)
    {
        var folder = Folder();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "srcsets.mjs", Origin, Source, SignedSource, key, Token },
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The client srcset test needs node on PATH (Debian's nodejs; scripts/test.sh installs npm with it): {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node srcsets.mjs failed (exit {process.ExitCode}); run 'npm ci' in {folder} (scripts/test.sh does): {await stderr}");
            }

            using var json = JsonDocument.Parse(await stdout);
            var srcsets = json.RootElement.GetProperty("srcsets").EnumerateArray()
                .Select(s => new ClientSrcset(s.GetProperty("client").GetString()!, s.GetProperty("layout").GetString()!, Parse(s.GetProperty("srcset").GetString()!)))
                .ToList();
            var signed = json.RootElement.GetProperty("signed").EnumerateArray()
                .Select(s => new ClientSrcset("@imgix/js-core", s.GetProperty("layout").GetString()!, Parse(s.GetProperty("srcset").GetString()!)))
                .ToList();
            return new Output(srcsets, signed);
        }
    }

    /// <summary>tests/clients of this checkout, found from the test binaries upwards.</summary>
    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "srcsets.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/clients/srcsets.mjs was not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@",\s+")]
    private static partial Regex CandidateSeparator();
}
