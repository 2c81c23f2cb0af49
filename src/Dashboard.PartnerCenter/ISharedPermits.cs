namespace Dashboard.PartnerCenter;

/// <summary>
/// The Partner Center rate limit that every instance of the dashboard shares: one sliding minute of permits per partner
/// tenant, kept outside the process (<see cref="RedisSharedPermits"/>). <see cref="PartnerCenterRateLimit"/> asks it for
/// each permit once it has decided whose turn it is.
/// </summary>
internal interface ISharedPermits
{
    /// <summary>Null when a permit for a call of <paramref name="lane"/> was taken; otherwise how long until one may be free.</summary>
    ValueTask<TimeSpan?> TryTakeAsync(PartnerCenterLane lane, CancellationToken cancellationToken);
}
