using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>
/// A palette of exactly the image's own colours, each pixel mapped to its own entry. ImageSharp 2.1's PaletteQuantizer
/// looks colours up through a cache keyed on a few bits per channel, so near colours (a gradient, alpha steps) share one
/// entry even when the palette holds both: a 246-colour palette came back with 49.
/// </summary>
internal sealed class ExactPaletteQuantizer : IQuantizer
{
    private readonly Rgba32[] _colours;

    /// <param name="colours">At most 256 distinct colours: every colour the image holds.</param>
    public ExactPaletteQuantizer(IReadOnlyCollection<Rgba32> colours)
    {
        _colours = [.. colours];
    }

    public QuantizerOptions Options { get; } = new() { Dither = null, MaxColors = 256 };

    public IQuantizer<TPixel> CreatePixelSpecificQuantizer<TPixel>(Configuration configuration)
        where TPixel : unmanaged, IPixel<TPixel> => CreatePixelSpecificQuantizer<TPixel>(configuration, Options);

    public IQuantizer<TPixel> CreatePixelSpecificQuantizer<TPixel>(Configuration configuration, QuantizerOptions options)
        where TPixel : unmanaged, IPixel<TPixel> => new Frame<TPixel>(configuration, Options, _colours);

    private readonly struct Frame<TPixel> : IQuantizer<TPixel>
        where TPixel : unmanaged, IPixel<TPixel>
    {
        private readonly Dictionary<Rgba32, byte> _index;
        private readonly TPixel[] _palette;

        public Frame(Configuration configuration, QuantizerOptions options, Rgba32[] colours)
        {
            Configuration = configuration;
            Options = options;
            _index = new Dictionary<Rgba32, byte>(colours.Length);
            _palette = new TPixel[colours.Length];
            for (var i = 0; i < colours.Length; i++)
            {
                _index[colours[i]] = (byte)i;
                _palette[i].FromRgba32(colours[i]);
            }
        }

        public Configuration Configuration { get; }

        public QuantizerOptions Options { get; }

        public ReadOnlyMemory<TPixel> Palette => _palette;

        public void AddPaletteColors(Buffer2DRegion<TPixel> pixelRegion)
        {
        }

        public IndexedImageFrame<TPixel> QuantizeFrame(ImageFrame<TPixel> source, Rectangle bounds)
        {
            var self = this;
            return QuantizerUtilities.QuantizeFrame(ref self, source, bounds);
        }

        public byte GetQuantizedColor(TPixel color, out TPixel match)
        {
            Rgba32 rgba = default;
            color.ToRgba32(ref rgba);
            if (!_index.TryGetValue(rgba, out var index))
            {
                // Not a colour the image was counted with (it cannot happen for the image counted): the nearest entry.
                index = Nearest(rgba);
            }

            match = _palette[index];
            return index;
        }

        public void Dispose()
        {
        }

        private byte Nearest(Rgba32 colour)
        {
            var best = 0;
            var bestDistance = int.MaxValue;
            foreach (var (entry, index) in _index)
            {
                int dr = entry.R - colour.R, dg = entry.G - colour.G, db = entry.B - colour.B, da = entry.A - colour.A;
                var distance = (dr * dr) + (dg * dg) + (db * db) + (da * da);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (index, distance);
                }
            }

            return (byte)best;
        }
    }
}
