namespace WebMail.Web.Account;

/// <summary>What this instance must forget when another instance ended a sign-in (ClusterRelay).</summary>
public sealed partial class SignInStore
{
    /// <summary>
    /// Another instance ended <paramref name="sid"/> (it is gone from the database): this instance stops trusting its
    /// cached check of it, so the cookie is refused at the next request instead of up to 30 s later, and keeps the
    /// reason for the sign-in page its tabs go to.
    /// </summary>
    internal void EndedOnOtherInstance(string sid, string reason)
    {
        _seen.TryRemove(sid, out _);
        _endReasons[sid] = (reason, time.GetUtcNow());
    }
}
