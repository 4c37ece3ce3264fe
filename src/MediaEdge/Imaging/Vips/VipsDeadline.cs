using System.Runtime.InteropServices;
using VImage = NetVips.Image;

namespace MediaEdge.Imaging.Vips;

/// <summary>
/// Stops libvips at a transform's deadline with its own abort: every image watched is marked killed
/// (<c>vips_image_set_kill</c>), which libvips checks as it computes each region, so a long decode, blur or rotation
/// that reads from it ends within milliseconds and the call computing it throws. A watched image stays alive until the
/// scope ends even where the engine has let it go, since the later images of its pipeline still read through it.
/// The scope is ambient to the rendering thread, so the engine's loaders need only pass their images through
/// <see cref="Watch"/>.
/// </summary>
internal sealed class VipsDeadline : IDisposable
{
    [ThreadStatic]
    private static VipsDeadline? s_current;

    private static SetKillFunction? s_setKill;

    private readonly VipsDeadline? _outer;
    private readonly List<(VImage Image, IntPtr Handle)> _watched = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenRegistration _registration;
    private bool _killed;
    private bool _disposed;

    private VipsDeadline(CancellationToken token)
    {
        s_setKill ??= LoadSetKill();
        _outer = s_current;
        s_current = this;
        _registration = token.Register(static state => ((VipsDeadline)state!).KillAll(), this);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetKillFunction(IntPtr image, int kill);

    /// <summary>Arms the deadline on this thread until the returned scope is disposed.</summary>
    public static VipsDeadline Arm(CancellationToken token) => new(token);

    /// <summary>Puts <paramref name="image"/> under the deadline armed on this thread, if any, and returns it.</summary>
    public static VImage Watch(VImage image)
    {
        s_current?.Add(image);
        return image;
    }

    public void Dispose()
    {
        // Waits for a kill in progress on another thread, so no handle is released under it.
        _registration.Dispose();
        lock (_lock)
        {
            _disposed = true;
            foreach (var (image, _) in _watched)
            {
                image.DangerousRelease();
            }

            _watched.Clear();
        }

        s_current = _outer;
    }

    private static SetKillFunction LoadSetKill()
    {
        foreach (var name in (string[])["libvips.so.42", "libvips.42.dylib", "libvips-42.dll"])
        {
            if (NativeLibrary.TryLoad(name, typeof(VImage).Assembly, null, out var library) && NativeLibrary.TryGetExport(library, "vips_image_set_kill", out var function))
            {
                return Marshal.GetDelegateForFunctionPointer<SetKillFunction>(function);
            }
        }

        throw new DllNotFoundException("libvips (vips_image_set_kill) could not be loaded beside NetVips.");
    }

    private void Add(VImage image)
    {
        var added = false;
        image.DangerousAddRef(ref added);
        lock (_lock)
        {
            if (_disposed)
            {
                image.DangerousRelease();
                return;
            }

            var handle = image.DangerousGetHandle();
            _watched.Add((image, handle));
            if (_killed)
            {
                s_setKill!(handle, 1);
            }
        }
    }

    private void KillAll()
    {
        lock (_lock)
        {
            _killed = true;
            foreach (var (_, handle) in _watched)
            {
                s_setKill!(handle, 1);
            }
        }
    }
}
