using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Clients;

/// <summary>
/// A vips server with <see cref="ClientSrcsets.Key"/>, an 8192x2048 photo-like JPEG: imgix's maximum width at exactly
/// <c>Limits:MaxOutputPixels</c>, so every width a client asks for (up to js-core's 8192) is one imgix renders as asked,
/// neither enlarged nor scaled down. The same folder is also source <see cref="ClientSrcsets.SignedSource"/>, signed with
/// imgix's scheme under <see cref="ClientSrcsets.Token"/>.
/// </summary>
public sealed class ClientsServer : ServerFixture
{
    public const string Collection = "client srcsets";
    public const int SourceWidth = 8192;
    public const int SourceHeight = 2048;

    public ClientsServer()
    {
        var path = MediaFolder.Shared.PathOf(ClientSrcsets.Key);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var image = new Image<Rgb24>(SourceWidth, SourceHeight);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        // Gradients crossed with a fine pattern: detail at every scale, so every width decodes and encodes real work.
                        row[x] = new Rgb24((byte)(x * 255 / SourceWidth), (byte)(y * 255 / SourceHeight), (byte)((x ^ y) & 0xFF));
                    }
                }
            });
            image.SaveAsJpeg(path);
        }
    }

    public override IReadOnlyList<Engine> Engines => [Engine.Vips];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{ClientSrcsets.SignedSource}:Root"] = MediaFolder.Shared.Root,
        [$"MediaEdge:Sources:{ClientSrcsets.SignedSource}:ImgixSecureToken"] = ClientSrcsets.Token,
    };
}

[CollectionDefinition(ClientsServer.Collection)]
public sealed class ClientsServerCollection : ICollectionFixture<ClientsServer>;
