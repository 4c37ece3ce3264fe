using System.Text;
using System.Text.Json;
using MediaEdge.Requests;

namespace MediaEdge.Imaging.Isolation;

/// <summary>
/// What the node and an imaging worker say over the worker's stdin and stdout. The worker sends <see cref="Ready"/> once
/// warm. The node sends jobs, one at a time: a render (<see cref="RenderJob"/>: the plan as JSON, with the source's identity, then the source bytes)
/// or a header read (<see cref="IdentifyJob"/>: the source bytes); and, while a job runs, <see cref="Cancel"/> when its
/// deadline passes. The worker answers each job with the encoded image (and whether it came from a kept intermediate) or the source's description, a problem (status,
/// type, title, detail, Retry-After, extensions), an unexpected failure, or that it stopped when cancelled. Lengths are
/// little-endian 32-bit; strings are BinaryWriter's length-prefixed UTF-8.
/// </summary>
internal static class WorkerProtocol
{
    public const byte Ready = (byte)'R';
    public const byte RenderJob = (byte)'J';
    public const byte IdentifyJob = (byte)'I';
    public const byte Cancel = (byte)'C';

    private const byte ImageReply = 0;
    private const byte ProblemReply = 1;
    private const byte FailureReply = 2;
    private const byte CancelledReply = 3;
    private const byte InfoReply = 4;

    public static void WriteRender(BinaryWriter writer, ImagePlan plan, ReadOnlySpan<byte> source)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(plan, WorkerJson.Default.ImagePlan);
        writer.Write(RenderJob);
        writer.Write(json.Length);
        writer.Write(json);
        writer.Write(source.Length);
        writer.Write(source);
        writer.Flush();
    }

    public static void WriteIdentify(BinaryWriter writer, ReadOnlySpan<byte> source)
    {
        writer.Write(IdentifyJob);
        writer.Write(source.Length);
        writer.Write(source);
        writer.Flush();
    }

    public static void WriteCancel(BinaryWriter writer)
    {
        writer.Write(Cancel);
        writer.Flush();
    }

    /// <summary>Reads the next message from the node: a job (with its plan for a render), a cancel (no plan, no source), or null at the end of input.</summary>
    public static (byte Kind, ImagePlan? Plan, byte[]? Source)? ReadMessage(BinaryReader reader)
    {
        byte kind;
        try
        {
            kind = reader.ReadByte();
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        switch (kind)
        {
            case Cancel:
                return (kind, null, null);
            case RenderJob:
                var plan = JsonSerializer.Deserialize(reader.ReadBytes(reader.ReadInt32()), WorkerJson.Default.ImagePlan) ?? throw new InvalidDataException("An empty plan.");
                return (kind, plan, reader.ReadBytes(reader.ReadInt32()));
            case IdentifyJob:
                return (kind, null, reader.ReadBytes(reader.ReadInt32()));
            default:
                throw new InvalidDataException($"The node sent an unknown message ({kind}).");
        }
    }

    public static void WriteImage(BinaryWriter writer, EncodedImage image)
    {
        writer.Write(ImageReply);
        writer.Write(image.ContentType);
        writer.Write(image.Width);
        writer.Write(image.Height);
        writer.Write((byte)image.Ladder);
        writer.Write(image.CpuMilliseconds ?? -1);
        writer.Write(image.Bytes.Length);
        writer.Write(image.Bytes.Span);
        writer.Flush();
    }

    public static void WriteInfo(BinaryWriter writer, SourceInfo info)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(info, WorkerJson.Default.SourceInfo);
        writer.Write(InfoReply);
        writer.Write(json.Length);
        writer.Write(json);
        writer.Flush();
    }

    public static void WriteProblem(BinaryWriter writer, ProblemException problem)
    {
        writer.Write(ProblemReply);
        writer.Write(problem.Status);
        writer.Write(problem.Type);
        writer.Write(problem.Title);
        writer.Write(problem.Message);
        writer.Write(problem.RetryAfterSeconds ?? -1);
        writer.Write(JsonSerializer.Serialize(problem.Extensions));
        writer.Flush();
    }

    public static void WriteFailure(BinaryWriter writer, Exception failure)
    {
        writer.Write(FailureReply);
        writer.Write(failure.GetType().FullName ?? failure.GetType().Name);
        writer.Write(failure.Message);
        writer.Flush();
    }

    public static void WriteCancelled(BinaryWriter writer)
    {
        writer.Write(CancelledReply);
        writer.Flush();
    }

    /// <summary>
    /// The worker's answer: the image or the description (whichever <typeparamref name="T"/> is), or the problem or failure
    /// it reported, thrown as such; <see cref="OperationCanceledException"/> where it stopped on a cancel.
    /// </summary>
    public static T ReadReply<T>(BinaryReader reader, CancellationToken cancelled)
        where T : class
    {
        switch (reader.ReadByte())
        {
            case ImageReply:
                var contentType = reader.ReadString();
                var width = reader.ReadInt32();
                var height = reader.ReadInt32();
                var ladder = (LadderUse)reader.ReadByte();
                var cpu = reader.ReadDouble();
                var bytes = reader.ReadBytes(reader.ReadInt32());
                return new EncodedImage(bytes, contentType, width, height) { Ladder = ladder, CpuMilliseconds = cpu >= 0 ? cpu : null } as T ?? throw new InvalidDataException("The imaging worker answered an image to a header read.");
            case InfoReply:
                var info = JsonSerializer.Deserialize(reader.ReadBytes(reader.ReadInt32()), WorkerJson.Default.SourceInfo);
                return info as T ?? throw new InvalidDataException("The imaging worker answered a description to a render.");
            case ProblemReply:
                var status = reader.ReadInt32();
                var type = reader.ReadString();
                var title = reader.ReadString();
                var detail = reader.ReadString();
                var retryAfter = reader.ReadInt32();
                var extensions = ReadExtensions(reader.ReadString());
                throw new ProblemException(status, type, title, detail, extensions) { RetryAfterSeconds = retryAfter >= 0 ? retryAfter : null };
            case FailureReply:
                var failure = reader.ReadString();
                throw new InvalidOperationException($"The imaging worker failed with {failure}: {reader.ReadString()}");
            case CancelledReply:
                throw new OperationCanceledException("The imaging worker stopped the job at its deadline.", cancelled);
            default:
                throw new InvalidDataException("The imaging worker answered out of protocol.");
        }
    }

    public static BinaryReader Reader(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static BinaryWriter Writer(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    private static Dictionary<string, object?> ReadExtensions(string json)
    {
        var values = new Dictionary<string, object?>();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            values[property.Name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => value.Clone(),
            };
        }

        return values;
    }
}
