using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>Whether an origin answers (<see cref="IOrigin.IsReadyAsync"/>) within <see cref="Timeout"/>: <c>/readyz</c>'s check, and the dashboard's probes.</summary>
public static class OriginReadiness
{
    /// <summary>How long an origin has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Asks <paramref name="origin"/>: ready, or not with what went wrong; a failure to reach it is an answer, never an exception (but for <paramref name="cancellationToken"/>).</summary>
    public static async Task<(bool Ready, string? Error)> CheckAsync(IOrigin origin, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await origin.IsReadyAsync(either.Token).ConfigureAwait(false) ? (true, null) : (false, "answered not ready");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is ProblemException or IOException or HttpRequestException)
        {
            return (false, e.Message);
        }
    }
}
