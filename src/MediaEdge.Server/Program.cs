using MediaEdge.Server;

var app = MediaEdgeHost.Build(args);
await app.RunAsync();
