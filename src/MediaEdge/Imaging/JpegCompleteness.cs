using System.Buffers.Binary;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>
/// Tells a JPEG that is only missing its end-of-image marker from one cut short, as libjpeg itself does: when the marker is
/// absent, every scan's entropy-coded data is decoded (Huffman symbols only, no pixels) to see whether it holds every block
/// the frame needs, and a progressive image must have reached the last bit of every coefficient. Decoders fill what is
/// missing with grey and call it a success, so the check runs before them.
/// </summary>
public static class JpegCompleteness
{
    private const string Upload = " Upload the whole file again.";

    /// <summary>Throws a 422 naming what is missing where the image data is cut short or broken; otherwise says how it ends.</summary>
    /// <param name="maxPixels">
    /// Frames larger than this are not walked (the walk of a progressive image keeps a bit per coefficient); they are
    /// refused by the pixel limit right after identification anyway.
    /// </param>
    public static JpegEnd Check(ReadOnlySpan<byte> jpeg, long maxPixels = long.MaxValue)
    {
        // The common case costs one search: byte stuffing keeps FF D9 out of scan data, so one after the first scan is the end.
        if (ContainerProbe.JpegHasEnd(jpeg))
        {
            return JpegEnd.Marker;
        }

        var fault = new Walker(jpeg, maxPixels).FindFault();
        return fault is null ? JpegEnd.MissingMarker : throw Problems.Undecodable("The JPEG is truncated: " + fault + Upload);
    }

    /// <summary>
    /// The JPEG as decoders read it whole: with an end-of-image marker appended where it has none (<see cref="Check"/> found
    /// it whole), since libjpeg under fail-on counts the missing marker as truncation and ImageSharp leaves the last MCUs
    /// grey; otherwise the bytes as they are.
    /// </summary>
    public static ReadOnlyMemory<byte> Ended(ReadOnlyMemory<byte> jpeg) =>
        ContainerProbe.JpegHasEnd(jpeg.Span) ? jpeg : WithEndMarker(jpeg.Span);

    /// <summary>The bytes with the end-of-image marker appended.</summary>
    public static byte[] WithEndMarker(ReadOnlySpan<byte> jpeg)
    {
        var bytes = new byte[jpeg.Length + 2];
        jpeg.CopyTo(bytes);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    private sealed class Component
    {
        public int Id;
        public int H;
        public int V;
        public int BlocksWide;
        public int BlocksHigh;
        public int DcTable;
        public int AcTable;
        public bool DcFinal;
        public ulong AcFinal;
        public ulong[]? NonZero;
    }

    /// <summary>A canonical Huffman table: codes of up to <see cref="LookupBits"/> bits through a lookup table, longer ones a bit at a time.</summary>
    private sealed class Huffman
    {
        public const int LookupBits = 9;

        private readonly int[] _maxCode = new int[18];
        private readonly int[] _valOffset = new int[18];
        private readonly byte[] _values;

        /// <summary>By the next <see cref="LookupBits"/> bits: the symbol and (above bit 8) its code length; 0 where the code is longer.</summary>
        private readonly ushort[] _lookup = new ushort[1 << LookupBits];

        public Huffman(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
        {
            _values = values.ToArray();
            int code = 0, k = 0;
            for (var length = 1; length <= 16; length++)
            {
                _valOffset[length] = k - code;
                for (var i = 0; i < counts[length - 1]; i++, code++, k++)
                {
                    if (length <= LookupBits && k < _values.Length)
                    {
                        var shift = LookupBits - length;
                        for (var fill = 0; fill < 1 << shift; fill++)
                        {
                            _lookup[(code << shift) | fill] = (ushort)((length << 8) | _values[k]);
                        }
                    }
                }

                _maxCode[length] = counts[length - 1] > 0 ? code - 1 : -1;
                code <<= 1;
            }
        }

        /// <summary>The next symbol; -1 where the data ran out, -2 for a code the table does not hold.</summary>
        public int Decode(ref BitReader bits)
        {
            var peek = bits.Peek(LookupBits);
            if (peek >= 0 && _lookup[peek] != 0)
            {
                bits.Skip(_lookup[peek] >> 8);
                return _lookup[peek] & 0xFF;
            }

            var code = 0;
            for (var length = 1; length <= 16; length++)
            {
                var bit = bits.Read(1);
                if (bit < 0)
                {
                    return -1;
                }

                code = (code << 1) | bit;
                if (code <= _maxCode[length])
                {
                    var index = _valOffset[length] + code;
                    return index < _values.Length ? _values[index] : -2;
                }
            }

            return -2;
        }
    }

    private ref struct BitReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _pos;
        private ulong _buffer;
        private int _count;
        private bool _ended;

        public BitReader(ReadOnlySpan<byte> data, int start)
        {
            _data = data;
            _pos = start;
        }

        /// <summary>Where the next unread byte is (bits still buffered were read from before it).</summary>
        public readonly int Position => _pos;

        /// <summary>n bits (n ≤ 16), or -1 where the scan's data ends (a marker or the end of the file) before them.</summary>
        public int Read(int n)
        {
            var value = Peek(n);
            if (value >= 0)
            {
                _count -= n;
            }

            return value;
        }

        /// <summary>The next n bits without taking them, or -1 where fewer are left.</summary>
        public int Peek(int n)
        {
            if (_count < n)
            {
                Fill();
                if (_count < n)
                {
                    return -1;
                }
            }

            return (int)(_buffer >> (_count - n)) & ((1 << n) - 1);
        }

        public void Skip(int n) => _count -= n;

        /// <summary>At a restart interval: drops the padding bits and steps over the RSTn marker; false where none follows.</summary>
        public bool Restart()
        {
            _count = 0;
            _buffer = 0;
            _ended = false;
            if (_pos + 1 < _data.Length && _data[_pos] == 0xFF && _data[_pos + 1] is >= 0xD0 and <= 0xD7)
            {
                _pos += 2;
                return true;
            }

            return false;
        }

        /// <summary>Buffers whole bytes up to 56 bits, undoing byte stuffing (FF 00); stops at a marker or the end.</summary>
        private void Fill()
        {
            while (!_ended && _count <= 56)
            {
                if (_pos >= _data.Length)
                {
                    _ended = true;
                    return;
                }

                var b = _data[_pos];
                if (b == 0xFF)
                {
                    if (_pos + 1 >= _data.Length || _data[_pos + 1] != 0x00)
                    {
                        _ended = true;
                        return;
                    }

                    _pos++;
                }

                _pos++;
                _buffer = (_buffer << 8) | b;
                _count += 8;
            }
        }
    }

    private ref struct Walker
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly long _maxPixels;
        private readonly Huffman?[] _dc = new Huffman?[4];
        private readonly Huffman?[] _ac = new Huffman?[4];
        private Component[]? _components;
        private int _sof;
        private int _width;
        private int _height;
        private int _hMax;
        private int _vMax;
        private int _restartInterval;
        private int _scans;
        private int _eobRun;
        private bool _skipped;

        public Walker(ReadOnlySpan<byte> data, long maxPixels)
        {
            _data = data;
            _maxPixels = maxPixels;
        }

        private readonly bool Progressive => _sof is 0xC2 or 0xC6;

        private readonly bool Lossless => _sof is 0xC3 or 0xC7;

        /// <summary>Null where the image data is whole (or too large to walk); otherwise what is missing.</summary>
        public string? FindFault()
        {
            if (_data.Length < 4 || _data[0] != 0xFF || _data[1] != 0xD8)
            {
                return "it does not start with a JPEG header.";
            }

            var pos = 2;
            while (true)
            {
                // As libjpeg: bytes that are not a marker are skipped (it only warns), as are fill bytes.
                while (pos < _data.Length && _data[pos] != 0xFF)
                {
                    pos++;
                }

                while (pos < _data.Length && _data[pos] == 0xFF)
                {
                    pos++;
                }

                if (pos >= _data.Length)
                {
                    return _skipped ? null : _scans == 0 ? "the file ends before its image data." : Coverage();
                }

                var marker = _data[pos++];
                if (marker is 0xD9)
                {
                    return null;
                }

                // 0x00 is a stuffed byte in a scan's padding, not a marker.
                if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
                {
                    continue;
                }

                if (pos + 2 > _data.Length)
                {
                    return $"the file ends inside a marker segment (0xFF{marker:X2}).";
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(pos, 2));
                if (length < 2 || pos + length > _data.Length)
                {
                    return _scans == 0 ? $"the file ends inside a marker segment (0xFF{marker:X2}), before its image data." : Coverage();
                }

                var segment = _data.Slice(pos + 2, length - 2);
                pos += length;
                string? fault = marker switch
                {
                    >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC) => ReadFrame(marker, segment),
                    0xC4 => ReadHuffmanTables(segment),
                    0xDD => ReadRestartInterval(segment),
                    0xDA => ReadScan(segment, ref pos),
                    _ => null,
                };
                if (fault is not null)
                {
                    return fault;
                }
            }
        }

        private string? ReadFrame(int marker, ReadOnlySpan<byte> segment)
        {
            if (_components is not null || segment.Length < 6)
            {
                return "its frame header is repeated or cut short.";
            }

            _sof = marker;
            _height = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(1, 2));
            _width = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(3, 2));
            int count = segment[5];
            if (count == 0 || segment.Length < 6 + (3 * count) || _width == 0)
            {
                return "its frame header is cut short.";
            }

            _components = new Component[count];
            for (var i = 0; i < count; i++)
            {
                var c = segment.Slice(6 + (3 * i), 3);
                _components[i] = new Component { Id = c[0], H = Math.Max(1, c[1] >> 4), V = Math.Max(1, c[1] & 15) };
                _hMax = Math.Max(_hMax, _components[i].H);
                _vMax = Math.Max(_vMax, _components[i].V);
            }

            foreach (var c in _components)
            {
                c.BlocksWide = DivUp(DivUp(_width * c.H, _hMax), Lossless ? 1 : 8);
                c.BlocksHigh = DivUp(DivUp(_height * c.V, _vMax), Lossless ? 1 : 8);
            }

            return null;
        }

        private readonly string? ReadHuffmanTables(ReadOnlySpan<byte> segment)
        {
            while (segment.Length >= 17)
            {
                var counts = segment.Slice(1, 16);
                var total = 0;
                foreach (var n in counts)
                {
                    total += n;
                }

                if (segment.Length < 17 + total)
                {
                    return "a Huffman table is cut short.";
                }

                var table = new Huffman(counts, segment.Slice(17, total));
                (segment[0] >> 4 == 0 ? _dc : _ac)[segment[0] & 3] = table;
                segment = segment[(17 + total)..];
            }

            return null;
        }

        private string? ReadRestartInterval(ReadOnlySpan<byte> segment)
        {
            _restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : 0;
            return null;
        }

        private string? ReadScan(ReadOnlySpan<byte> header, ref int pos)
        {
            if (_components is null || header.Length < 1 || header.Length < 1 + (2 * header[0]) + 3)
            {
                return "a scan header comes before the frame header, or is cut short.";
            }

            int count = header[0];
            var scan = new Component[count];
            for (var i = 0; i < count; i++)
            {
                var id = header[1 + (2 * i)];
                var c = Array.Find(_components, x => x.Id == id);
                if (c is null)
                {
                    return $"a scan names component {id}, which the frame does not have.";
                }

                c.DcTable = (header[2 + (2 * i)] >> 4) & 3;
                c.AcTable = header[2 + (2 * i)] & 3;
                scan[i] = c;
            }

            var tail = header.Slice(1 + (2 * count), 3);
            int ss = tail[0], se = Math.Min((int)tail[1], 63), ah = tail[2] >> 4, al = tail[2] & 15;
            _scans++;
            if ((long)_width * _height > _maxPixels)
            {
                pos = _data.Length;
                _skipped = true;
                return null;
            }

            if (_sof is not (0xC0 or 0xC1 or 0xC2 or 0xC3) || _height == 0)
            {
                // Arithmetic coding, hierarchical frames and a height set later (DNL) are not walked: without their end marker
                // nothing tells whether the last scan is whole, and a partial image is never served.
                return "it stops without its end-of-image marker, and its coding (arithmetic, hierarchical, or a height given after the scan) cannot be checked for missing data.";
            }

            var reader = new BitReader(_data, pos);
            var fault = DecodeScan(scan, ss, se, ah, ref reader);
            pos = reader.Position;
            if (fault is not null)
            {
                return fault;
            }

            foreach (var c in scan)
            {
                if (!Progressive)
                {
                    c.DcFinal = true;
                    c.AcFinal = ulong.MaxValue;
                }
                else if (ss == 0)
                {
                    c.DcFinal |= al == 0;
                }
                else if (al == 0)
                {
                    c.AcFinal |= RangeMask(ss, se);
                }
            }

            return null;
        }

        private string? DecodeScan(Component[] scan, int ss, int se, int ah, ref BitReader bits)
        {
            foreach (var c in scan)
            {
                var needsDc = Lossless || !Progressive || (ss == 0 && ah == 0);
                var needsAc = (!Progressive && !Lossless) || ss > 0;
                if ((needsDc && _dc[c.DcTable] is null) || (needsAc && _ac[c.AcTable] is null))
                {
                    return "a scan uses a Huffman table that was never defined.";
                }

                if (Progressive && ss > 0)
                {
                    c.NonZero ??= new ulong[c.BlocksWide * c.BlocksHigh];
                }
            }

            int mcusWide, mcusHigh;
            if (scan.Length == 1)
            {
                (mcusWide, mcusHigh) = (scan[0].BlocksWide, scan[0].BlocksHigh);
            }
            else
            {
                var unit = Lossless ? 1 : 8;
                (mcusWide, mcusHigh) = (DivUp(_width, unit * _hMax), DivUp(_height, unit * _vMax));
            }

            var total = (long)mcusWide * mcusHigh;
            _eobRun = 0;
            for (long mcu = 0; mcu < total; mcu++)
            {
                if (_restartInterval > 0 && mcu > 0 && mcu % _restartInterval == 0)
                {
                    _eobRun = 0;
                    if (!bits.Restart())
                    {
                        return Stops(mcu, total, mcusWide);
                    }
                }

                int mx = (int)(mcu % mcusWide), my = (int)(mcu / mcusWide);
                foreach (var c in scan)
                {
                    int across = scan.Length == 1 ? 1 : c.H, down = scan.Length == 1 ? 1 : c.V;
                    for (var v = 0; v < down; v++)
                    {
                        for (var h = 0; h < across; h++)
                        {
                            int bx = (mx * across) + h, by = (my * down) + v;
                            var ok = Block(c, bx < c.BlocksWide && by < c.BlocksHigh ? (by * c.BlocksWide) + bx : -1, ss, se, ah, ref bits);
                            if (ok < 0)
                            {
                                return ok == -2 ? $"its scan {_scans} holds a Huffman code its table does not define (corrupt data) after {mcu} of {total} blocks." : Stops(mcu, total, mcusWide);
                            }
                        }
                    }
                }
            }

            return null;
        }

        private readonly string Stops(long mcu, long total, int wide) =>
            $"its image data stops in scan {_scans} after {mcu / wide} of {DivUp((int)Math.Min(int.MaxValue, total), wide)} rows of blocks.";

        /// <summary>Reads one block's (or, lossless, one sample's) symbols: 0 when whole, -1 where the data ran out, -2 for a bad code.</summary>
        private int Block(Component c, int index, int ss, int se, int ah, ref BitReader bits)
        {
            if (Lossless)
            {
                return Magnitude(_dc[c.DcTable]!, ref bits, lossless: true);
            }

            if (!Progressive)
            {
                var dc = Magnitude(_dc[c.DcTable]!, ref bits, lossless: false);
                return dc < 0 ? dc : AcSequential(_ac[c.AcTable]!, ref bits);
            }

            if (ss == 0)
            {
                return ah == 0 ? Magnitude(_dc[c.DcTable]!, ref bits, lossless: false) : bits.Read(1) < 0 ? -1 : 0;
            }

            var nonZero = index >= 0 ? c.NonZero![index] : 0UL;
            var result = ah == 0 ? AcFirst(_ac[c.AcTable]!, ss, se, ref nonZero, ref bits) : AcRefine(_ac[c.AcTable]!, ss, se, ref nonZero, ref bits);
            if (index >= 0)
            {
                c.NonZero![index] = nonZero;
            }

            return result;
        }

        private static int Magnitude(Huffman table, ref BitReader bits, bool lossless)
        {
            var s = table.Decode(ref bits);
            if (s < 0)
            {
                return s;
            }

            return s == 0 || (lossless && s == 16) ? 0 : Skip(s, ref bits);
        }

        private static int Skip(int n, ref BitReader bits)
        {
            while (n > 0)
            {
                var step = Math.Min(n, 16);
                if (bits.Read(step) < 0)
                {
                    return -1;
                }

                n -= step;
            }

            return 0;
        }

        private static int AcSequential(Huffman table, ref BitReader bits)
        {
            for (var k = 1; k < 64; k++)
            {
                var rs = table.Decode(ref bits);
                if (rs < 0)
                {
                    return rs;
                }

                int r = rs >> 4, s = rs & 15;
                if (s != 0)
                {
                    k += r;
                    if (Skip(s, ref bits) < 0)
                    {
                        return -1;
                    }
                }
                else if (r == 15)
                {
                    k += 15;
                }
                else
                {
                    break;
                }
            }

            return 0;
        }

        private int AcFirst(Huffman table, int ss, int se, ref ulong nonZero, ref BitReader bits)
        {
            if (_eobRun > 0)
            {
                _eobRun--;
                return 0;
            }

            for (var k = ss; k <= se; k++)
            {
                var rs = table.Decode(ref bits);
                if (rs < 0)
                {
                    return rs;
                }

                int r = rs >> 4, s = rs & 15;
                if (s != 0)
                {
                    k += r;
                    if (Skip(s, ref bits) < 0)
                    {
                        return -1;
                    }

                    if (k <= 63)
                    {
                        nonZero |= 1UL << k;
                    }
                }
                else if (r == 15)
                {
                    k += 15;
                }
                else
                {
                    var run = r == 0 ? 0 : bits.Read(r);
                    if (run < 0)
                    {
                        return -1;
                    }

                    _eobRun = (1 << r) + run - 1;
                    break;
                }
            }

            return 0;
        }

        /// <summary>As libjpeg's decode_mcu_AC_refine: correction bits for coefficients already non-zero, new ones of size 1.</summary>
        private int AcRefine(Huffman table, int ss, int se, ref ulong nonZero, ref BitReader bits)
        {
            var k = ss;
            if (_eobRun == 0)
            {
                for (; k <= se; k++)
                {
                    var rs = table.Decode(ref bits);
                    if (rs < 0)
                    {
                        return rs;
                    }

                    int r = rs >> 4, s = rs & 15;
                    if (s != 0)
                    {
                        if (bits.Read(1) < 0)
                        {
                            return -1;
                        }
                    }
                    else if (r != 15)
                    {
                        var run = r == 0 ? 0 : bits.Read(r);
                        if (run < 0)
                        {
                            return -1;
                        }

                        _eobRun = (1 << r) + run;
                        break;
                    }

                    do
                    {
                        if ((nonZero & (1UL << k)) != 0)
                        {
                            if (bits.Read(1) < 0)
                            {
                                return -1;
                            }
                        }
                        else if (--r < 0)
                        {
                            break;
                        }

                        k++;
                    }
                    while (k <= se);

                    if (s != 0 && k <= 63)
                    {
                        nonZero |= 1UL << k;
                    }
                }
            }

            if (_eobRun > 0)
            {
                for (; k <= se; k++)
                {
                    if ((nonZero & (1UL << k)) != 0 && bits.Read(1) < 0)
                    {
                        return -1;
                    }
                }

                _eobRun--;
            }

            return 0;
        }

        /// <summary>At the end of the file, after whole scans: every component coded, and a progressive one to its last bit.</summary>
        private readonly string? Coverage()
        {
            const ulong Ac = ~1UL;
            foreach (var c in _components!)
            {
                if (!c.DcFinal || (Progressive && (c.AcFinal & Ac) != Ac) || (!Progressive && c.AcFinal == 0))
                {
                    return Progressive
                        ? $"it stops after scan {_scans}, before the progressive image's last refinement of component {c.Id}."
                        : $"it stops after scan {_scans}, before component {c.Id} is coded.";
                }
            }

            return null;
        }

        private static ulong RangeMask(int from, int to)
        {
            var mask = 0UL;
            for (var k = from; k <= to; k++)
            {
                mask |= 1UL << k;
            }

            return mask;
        }

        private static int DivUp(int a, int b) => (a + b - 1) / b;
    }
}
