namespace Dashboard.Benchmarks.Pages;

/// <summary>Everything measured on one customer's orders page.</summary>
internal sealed class CustomerFigures(BenchCustomer customer)
{
    public BenchCustomer Customer { get; } = customer;

    /// <summary>GET /v1/customers/{id}/orders with HttpClient, whole body read.</summary>
    public Samples RawRead { get; set; } = new();

    /// <summary>Click on the customer's link on the customers page (same circuit) until the first row is painted.</summary>
    public Samples OpenInApp { get; } = new();

    /// <summary>A browser navigation to the orders URL in a signed-in tab (new circuit, HTTP cache warm) until the first row is painted.</summary>
    public Samples OpenNewCircuit { get; } = new();

    /// <summary>The same in a fresh browser context with only the sign-in cookies (empty HTTP cache).</summary>
    public Samples OpenFirstLoad { get; } = new();

    public Samples Sort { get; } = new();

    public Samples Filter { get; } = new();

    public Samples NextPage { get; } = new();

    public Samples Search { get; } = new();

    /// <summary>Of the first load: HTTP bytes received until the first row was painted.</summary>
    public Samples HttpBytes { get; } = new();

    /// <summary>Of the first load: WebSocket message bytes (both ways) until the first row was painted.</summary>
    public Samples WebSocketBytes { get; } = new();

    /// <summary>Of the first load: an estimate of those WebSocket bytes deflated, as permessage-deflate would send them.</summary>
    public Samples WebSocketDeflatedBytes { get; } = new();

    /// <summary>Of the first load: HTTP bytes once the page settled (2 s after the first row).</summary>
    public Samples HttpBytesSettled { get; } = new();

    /// <summary>Of the first load: WebSocket bytes once the page settled.</summary>
    public Samples WebSocketBytesSettled { get; } = new();

    /// <summary>Server working set added per circuit with this customer's orders page open.</summary>
    public Samples CircuitBytes { get; } = new();

    /// <summary>Whether clicking the pressed status chip again turned the filter off (else the "All" chip did).</summary>
    public bool? ChipToggles { get; set; }

    /// <summary>HTTP responses and WebSocket messages counted until the first row, of the last first load.</summary>
    public TrafficCount? LastFirstLoad { get; set; }

    public static void Record(Samples samples, double? value)
    {
        if (value is { } v)
        {
            samples.Add(v);
        }
        else
        {
            samples.Missing++;
        }
    }
}
