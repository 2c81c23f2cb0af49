using System.Collections.Concurrent;

namespace Dashboard.Orders;

/// <summary>
/// The company names of the customers this dashboard has read lately, so that the activity record of a cancel names
/// the customer without another Partner Center call. A cancel is made from a page that has just read its customer.
/// </summary>
internal sealed class CustomerNames
{
    // The sandbox holds at most 75 customers; a production tenant can hold many more, so the memory is bounded.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Remember(Customer customer)
    {
        if (_names.Count >= Capacity)
        {
            _names.Clear();
        }

        if (customer.CompanyName is { Length: > 0 } name)
        {
            _names[customer.Id] = name;
        }
    }

    public string? Of(string customerId) => _names.TryGetValue(customerId, out var name) ? name : null;
}
