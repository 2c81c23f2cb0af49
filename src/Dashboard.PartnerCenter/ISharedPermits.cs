namespace Dashboard.PartnerCenter;

/// <summary>
/// The Partner Center rate limit that every instance of the dashboard shares: one sliding window of permits per partner
/// tenant, kept outside the process (<see cref="RedisSharedPermits"/>). <see cref="PartnerCenterRateLimit"/> asks it for
/// each permit once it has decided whose turn it is.
/// </summary>
internal interface ISharedPermits
{
    /// <summary>How long a permit counts in the shared window.</summary>
    TimeSpan Window { get; }

    /// <summary>Raised when the connection to the shared window is back after a failure: what it lost may be missing.</summary>
    event Action? Restored;

    /// <summary>
    /// Takes a permit for a call of <paramref name="lane"/> (none when it is null), after adding to the shared window
    /// those of this instance's permits of the window that it may have lost (<paramref name="carried"/>: each one's id
    /// and age; one already there is not added twice).
    /// </summary>
    ValueTask<SharedPermit> TryTakeAsync(PartnerCenterLane? lane, IReadOnlyList<(string Id, TimeSpan Age)> carried, CancellationToken cancellationToken);
}

/// <summary>
/// The shared window's answer. <see cref="Wait"/> is null when the permit was taken (named <see cref="Id"/>), else how
/// long until one may be free; <see cref="Count"/> is how many permits the window holds now, and
/// <see cref="Instances"/> how many instances asked for permits within it, this one included.
/// </summary>
internal readonly record struct SharedPermit(TimeSpan? Wait, string Id, int Count, int Instances);
