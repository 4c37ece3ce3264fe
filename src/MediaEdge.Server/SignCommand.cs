using System.Globalization;
using MediaEdge.Security;

namespace MediaEdge.Server;

/// <summary>
/// <c>dotnet run --project src/MediaEdge.Server -- sign "/img/local/cups.jpg?w=400" [--expires-in 3600] [--key K]</c>:
/// prints the URL path signed with the given key, or the first of MediaEdge:Security:SigningKeys.
/// </summary>
public static class SignCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || !args[0].StartsWith('/'))
        {
            error.WriteLine("usage: sign <path-and-query starting with /> [--expires-in SECONDS] [--key KEY]");
            return 2;
        }

        var target = args[0];
        string? key = null;
        long? expiresIn = null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--key" when !string.IsNullOrEmpty(value):
                    key = value;
                    i++;
                    break;
                case "--expires-in" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    expiresIn = seconds;
                    i++;
                    break;
                default:
                    // A flag without a usable value must not fall back silently (a URL that never expires, another key).
                    error.WriteLine($"sign: '{args[i]}' needs a value: --expires-in takes whole seconds, --key a non-empty key.");
                    return 2;
            }
        }

        if (key is null)
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build();
            key = configuration["MediaEdge:Security:SigningKeys:0"];
        }

        if (string.IsNullOrEmpty(key))
        {
            error.WriteLine("No key: pass --key, or set MediaEdge:Security:SigningKeys in appsettings.json or MediaEdge__Security__SigningKeys__0.");
            return 2;
        }

        if (expiresIn is { } delta)
        {
            var expires = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + delta;
            target += (target.Contains('?') ? "&" : "?") + "expires=" + expires.ToString(CultureInfo.InvariantCulture);
        }

        output.WriteLine(UrlSignature.Sign(target, key));
        return 0;
    }
}
