namespace Dashboard.PartnerCenter;

/// <summary>
/// The Partner Center rate limit that every instance of the dashboard shares: one sliding minute of permits per partner
/// tenant, kept outside the process (<see cref="RedisSharedPermits"/>). <see cref="PartnerCenterRateLimit"/> asks it for
/// each permit once it has decided whose turn it is.
/// </summary>
internal interface ISharedPermits
{
    /// <summary>
    /// Takes a permit for a call of <paramref name="lane"/>, after adding to the shared minute the permits this instance
    /// granted on its own while the shared minute could not be reached (<paramref name="carried"/>: how long ago each was).
    /// </summary>
    ValueTask<SharedPermit> TryTakeAsync(PartnerCenterLane lane, IReadOnlyList<TimeSpan> carried, CancellationToken cancellationToken);
}

/// <summary>
/// The shared minute's answer: <see cref="Wait"/> is null when the permit was taken, else how long until one may be free;
/// <see cref="Instances"/> is how many instances asked for permits within the last minute, this one included.
/// </summary>
internal readonly record struct SharedPermit(TimeSpan? Wait, int Instances);
