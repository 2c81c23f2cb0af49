using System.Threading.RateLimiting;

namespace Dashboard.PartnerCenter;

/// <summary>A Partner Center call waiting for a permit of <see cref="PartnerCenterRateLimit"/>.</summary>
internal sealed class RateLimitWaiter(PartnerCenterLane lane, string user)
{
    public PartnerCenterLane Lane { get; } = lane;

    public string User { get; } = user;

    public TaskCompletionSource<RateLimitLease> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its place in its user's calls of its lane; null once it has left them.</summary>
    public LinkedListNode<RateLimitWaiter>? Place { get; set; }
}
