using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaEdge.Origins.S3;

/// <summary>Registers the S3 origin kind: each <c>MediaEdge:Sources:{name}</c> whose Kind is <see cref="Kind"/> becomes a <see cref="NamedOrigin"/>, its options validated at start.</summary>
public static class S3OriginRegistration
{
    /// <summary>The Kind value that selects this origin.</summary>
    public const string Kind = "S3";

    /// <summary>Binds <see cref="S3SourceOptions"/> by source name from <paramref name="configuration"/> (the host's root), with <see cref="S3SourceOptionsValidator"/> run at start.</summary>
    public static IServiceCollection AddS3Origin(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3SourceOptions>, S3SourceOptionsValidator>());
        foreach (var source in configuration.GetSection(MediaEdgeOptions.Section + ":Sources").GetChildren())
        {
            if (source["Kind"] != Kind)
            {
                continue;
            }

            var name = source.Key;
            services.AddOptions<S3SourceOptions>(name).Bind(source).ValidateOnStart();
            services.AddKeyedSingleton(name, (sp, _) => new S3Origin(name, sp.GetRequiredService<IOptionsMonitor<S3SourceOptions>>().Get(name)));
            services.AddSingleton(sp => new NamedOrigin(name, sp.GetRequiredKeyedService<S3Origin>(name)));
        }

        return services;
    }
}
