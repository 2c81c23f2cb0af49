namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// A host that allows the first <paramref name="allowed"/> asks and refuses every later one with <paramref name="why"/>,
/// as when the user loses the cancel role while their job waits or runs. A job is asked once when it is started, once
/// when a runner starts it, then before each item.
/// </summary>
internal sealed class CancelsRefusedAfter(int allowed, string why) : ICancelAuthorization
{
    private int _asked;

    public int Asked => Volatile.Read(ref _asked);

    public Task<string?> WhyNotAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _asked) <= allowed ? null : why);
}
