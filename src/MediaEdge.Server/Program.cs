using MediaEdge.BuiltIns;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Server;

if (args is ["sign", ..])
{
    return SignCommand.Run(args[1..], Console.Out, Console.Error);
}

if (args is [ImagingWorkerHost.Mode, ..])
{
    // A render worker of this node (Imaging/Isolation): no web host, just jobs over stdin and stdout.
    return ImagingWorkerHost.Run(args[1..], BuiltInExtensions.Engines());
}

var app = MediaEdgeHost.Build(args);
await app.RunAsync();
return 0;
