using MediaEdge.Origins;
using Microsoft.Extensions.Options;

namespace MediaEdge.Server.Configuration;

/// <summary>Binds the MediaEdge section, fills the embedded defaults, and refuses to start on a bad value, naming its key.</summary>
public static class MediaEdgeOptionsLoader
{
    public static MediaEdgeOptions Load(IConfiguration configuration, string contentRoot)
    {
        var options = new MediaEdgeOptions();
        try
        {
            configuration.GetSection(MediaEdgeOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(MediaEdgeOptions.Section, typeof(MediaEdgeOptions), [e.Message + (e.InnerException is null ? "" : " " + e.InnerException.Message)]);
        }

        foreach (var (name, source) in options.Sources)
        {
            source.From(configuration.GetSection($"{MediaEdgeOptions.Section}:Sources:{name}"));
        }

        options.Dialects.From(configuration.GetSection($"{MediaEdgeOptions.Section}:Dialects"));
        if (options.Sources.Count == 0)
        {
            // The embedded default: the repository's samples/ folder, served as "local".
            options.Sources["local"] = new SourceOptions { Kind = "FileSystem", Root = "samples" };
        }

        var errors = MediaEdgeOptionsValidator.Validate(options, contentRoot);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(MediaEdgeOptions.Section, typeof(MediaEdgeOptions), errors);
        }

        return options;
    }
}
