using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>
/// imgproxy's URL signature (docs.imgproxy.net/signing_the_url): URL-safe Base64, unpadded, of HMAC-SHA256 under the
/// key over the salt and then the path after the signature (from its leading <c>/</c>), cut to the signature size.
/// Without a key nothing is checked, as in imgproxy (<c>insecure</c> or any text stands in).
/// </summary>
public sealed class ImgproxySignature
{
    private readonly byte[] _key;
    private readonly byte[] _salt;
    private readonly int _size;

    public ImgproxySignature(ImgproxyOptions options)
    {
        _key = Convert.FromHexString(options.Key);
        _salt = Convert.FromHexString(options.Salt);
        _size = options.SignatureSize;
    }

    /// <summary>Whether signatures are checked: a key and salt are configured.</summary>
    public bool Enabled => _key.Length > 0 && _salt.Length > 0;

    /// <summary>Throws a 403 problem where <paramref name="signature"/> is not the signature of <paramref name="path"/>.</summary>
    public void Verify(string signature, string path)
    {
        if (!Enabled)
        {
            return;
        }

        var given = new byte[Base64Url.GetMaxDecodedLength(signature.Length)];
        if (!Base64Url.IsValid(signature) || !Base64Url.TryDecodeFromChars(signature, given, out var length))
        {
            throw Refused("malformed", $"The signature '{signature}' is not URL-safe Base64.");
        }

        var expected = Of(path);
        if (!CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), expected))
        {
            throw Refused("invalid", "The signature does not match this path under MediaEdge:Dialects:imgproxy's Key and Salt. Sign the path after the signature, as sent.");
        }
    }

    /// <summary>The signature bytes of <paramref name="path"/>.</summary>
    public byte[] Of(string path)
    {
        var message = Encoding.UTF8.GetBytes(path.StartsWith('/') ? path : "/" + path);
        var mac = HMACSHA256.HashData(_key, (byte[])[.. _salt, .. message]);
        return mac[.._size];
    }

    private static ProblemException Refused(string reason, string detail) =>
        new(403, "bad-signature", "Signature refused", detail, new Dictionary<string, object?> { ["reason"] = reason });
}
