namespace MediaEdge.Caching;

/// <summary>
/// Stops calling a failing dependency for a while: after <c>failures</c> consecutive failures it opens for <c>breakFor</c>,
/// then lets one trial call through (half-open); a success closes it, a failure opens it again.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly int _threshold;
    private readonly TimeSpan _breakFor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _trialInFlight;

    public CircuitBreaker(int failures, TimeSpan breakFor, TimeProvider time)
    {
        _threshold = Math.Max(1, failures);
        _breakFor = breakFor;
        _time = time;
    }

    public BreakerState State
    {
        get
        {
            lock (_gate)
            {
                return _failures < _threshold ? BreakerState.Closed
                    : _time.GetUtcNow() < _openUntil ? BreakerState.Open
                    : BreakerState.HalfOpen;
            }
        }
    }

    /// <summary>True where a call may go out now; in half-open, only one trial at a time.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_failures < _threshold)
            {
                return true;
            }

            if (_time.GetUtcNow() < _openUntil || _trialInFlight)
            {
                return false;
            }

            _trialInFlight = true;
            return true;
        }
    }

    public void Success()
    {
        lock (_gate)
        {
            _failures = 0;
            _trialInFlight = false;
        }
    }

    /// <returns>True where this failure opened the breaker.</returns>
    public bool Failure()
    {
        lock (_gate)
        {
            _trialInFlight = false;
            _failures++;
            if (_failures >= _threshold)
            {
                _openUntil = _time.GetUtcNow() + _breakFor;
                return true;
            }

            return false;
        }
    }
}
