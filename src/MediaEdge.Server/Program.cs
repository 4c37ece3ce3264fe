using MediaEdge.Server;

if (args is ["sign", ..])
{
    return SignCommand.Run(args[1..], Console.Out, Console.Error);
}

var app = MediaEdgeHost.Build(args);
await app.RunAsync();
return 0;
