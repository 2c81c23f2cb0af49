namespace Dashboard.PartnerCenter;

/// <summary>One lane's waiting calls of <see cref="PartnerCenterRateLimit"/>: each user's in arrival order, and the users in the order of their turns.</summary>
internal sealed class RateLimitLane
{
    private readonly Dictionary<string, LinkedList<RateLimitWaiter>> _calls = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new();

    public bool IsEmpty => _turns.Count == 0;

    public int CountOf(string user) => _calls.TryGetValue(user, out var calls) ? calls.Count : 0;

    public void Add(RateLimitWaiter waiter)
    {
        if (!_calls.TryGetValue(waiter.User, out var calls))
        {
            _calls.Add(waiter.User, calls = new LinkedList<RateLimitWaiter>());
            _turns.AddLast(waiter.User);
        }

        waiter.Place = calls.AddLast(waiter);
    }

    /// <summary>The oldest call of the user whose turn it is; that user's next turn comes after everyone else's.</summary>
    public RateLimitWaiter? Next()
    {
        if (_turns.First is not { } turn)
        {
            return null;
        }

        var waiter = _calls[turn.Value].First!.Value;
        Remove(waiter);
        if (turn.List is not null)
        {
            _turns.Remove(turn);
            _turns.AddLast(turn);
        }

        return waiter;
    }

    public bool Remove(RateLimitWaiter waiter)
    {
        if (waiter.Place is not { } place)
        {
            return false;
        }

        place.List!.Remove(place);
        waiter.Place = null;
        if (_calls[waiter.User].Count == 0)
        {
            _calls.Remove(waiter.User);
            _turns.Remove(waiter.User); // among the users waiting in this lane: a few
        }

        return true;
    }
}
