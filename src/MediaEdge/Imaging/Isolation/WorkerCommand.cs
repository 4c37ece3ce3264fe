namespace MediaEdge.Imaging.Isolation;

/// <summary>How to start an imaging worker: the program, its arguments and the environment it adds.</summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// The application in <paramref name="entryAssemblyPath"/> started again with <paramref name="arguments"/>: through the
    /// running dotnet host where there is one (<c>dotnet MediaEdge.Server.dll</c>, test hosts), else its own launcher.
    /// </summary>
    public static WorkerCommand ForApplication(string entryAssemblyPath, params string[] arguments) =>
        ForApplication(entryAssemblyPath, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="ForApplication(string, string[])"/>, with runtime settings of the worker's own (environment variables, such as <c>DOTNET_TieredCompilation</c>) on top.</summary>
    public static WorkerCommand ForApplication(string entryAssemblyPath, IReadOnlyDictionary<string, string> runtime, params string[] arguments)
    {
        // Workstation GC: a worker holds one job at a time, and server GC would reserve heaps per core in every one.
        var environment = new Dictionary<string, string>(runtime) { ["DOTNET_gcServer"] = "0" };
        var host = System.Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            return new WorkerCommand(host, ["exec", entryAssemblyPath, .. arguments], environment);
        }

        var launcher = Path.ChangeExtension(entryAssemblyPath, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(launcher)
            ? new WorkerCommand(launcher, arguments, environment)
            : new WorkerCommand("dotnet", ["exec", entryAssemblyPath, .. arguments], environment);
    }
}
