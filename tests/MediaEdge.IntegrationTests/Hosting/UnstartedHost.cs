using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>The service's host built by <see cref="MediaEdgeHost.Build"/> from command-line arguments and not started, for tests of the configuration it accepts.</summary>
public static class UnstartedHost
{
    /// <summary>Builds the host on a loopback port 0 with the shared media folder as <c>local</c> and no disk tier, and <paramref name="args"/> (<c>--Key=value</c>) over that.</summary>
    public static WebApplication Build(params string[] args) => Build(null, args);

    /// <summary>As <see cref="Build(string[])"/>, with <paramref name="configure"/> run on the builder before the host's own services (an engine of the test's, say).</summary>
    public static WebApplication Build(Action<WebApplicationBuilder>? configure, params string[] args) =>
        MediaEdgeHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={MediaFolder.Shared.Root}",
            "--MediaEdge:Cache:Disk:Path=",
            .. args,
        ],
        configure);
}
