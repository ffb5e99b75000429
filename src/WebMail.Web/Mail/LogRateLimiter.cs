namespace WebMail.Web.Mail;

/// <summary>
/// Lets one log line through per <paramref name="interval"/> and counts the ones held back, so a flood of bad
/// requests cannot flood the log; the next line that goes through says how many were left out.
/// </summary>
internal sealed class LogRateLimiter(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private int _suppressed;

    /// <summary>True when this line may be written; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now < _next)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }

            _next = now + interval;
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
