using System.IO.Pipelines;
using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// A Kestrel connection whose responses lose the header line <c>Date: {Marker}</c>: Kestrel always sends a Date, and a
/// reply without one (RFC 9110 §6.6.1) can only be made by cutting that line out of the bytes on their way out.
/// </summary>
internal sealed class DatelessTransport : IDuplexPipe
{
    public const string Marker = "scripted-origin-sends-no-date";

    public DatelessTransport(IDuplexPipe inner)
    {
        Input = inner.Input;
        Output = PipeWriter.Create(new LineCutter(inner.Output.AsStream()), new StreamPipeWriterOptions(leaveOpen: false));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    private sealed class LineCutter(Stream inner) : Stream
    {
        // Kestrel writes each header as CRLF, name, ": ", value, so the line goes with its leading CRLF.
        private static readonly byte[] Line = Encoding.ASCII.GetBytes("\r\nDate: " + Marker);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // The header block is written in one flush, so the line is never split across writes.
            var at = buffer.Span.IndexOf(Line);
            if (at < 0)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            await inner.WriteAsync(buffer[..at], cancellationToken);
            await inner.WriteAsync(buffer[(at + Line.Length)..], cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            var at = span.IndexOf(Line);
            if (at < 0)
            {
                inner.Write(span);
                return;
            }

            inner.Write(span[..at]);
            inner.Write(span[(at + Line.Length)..]);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
