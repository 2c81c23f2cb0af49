using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dashboard.Orders;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Benchmarks;

/// <summary>
/// The client-side cost of a large order list, without the network: reading a Partner Center collection of
/// <see cref="Count"/> orders with the client's JSON settings, and mapping it to the dashboard's model.
/// </summary>
[MemoryDiagnoser]
public class MappingBenchmarks
{
    private const string OrderTemplate = """
        {"id":"order#ID#1","alternateId":"#ALT#","referenceCustomerId":"bd59b416-37f9-4d8f-8df3-5750111fc615",
         "billingCycle":"one_time","currencyCode":"USD","currencySymbol":"$","creationDate":"2026-11-13T09:47:00.1234567Z",
         "status":"completed","transactionType":"UserPurchase","lineItems":[
          {"lineItemNumber":0,"offerId":"DG7GMGF0DWT0:0001:DG7GMGF0DSQR","termDuration":"","transactionType":"New",
           "friendlyName":"Microsoft Identity Manager 2016 - 1 User CAL","quantity":1,
           "links":{"product":{"uri":"/products/DG7GMGF0DWT0?country=US","method":"GET","headers":[]}}}],
         "links":{"self":{"uri":"/customers/x/orders/y","method":"GET","headers":[]}},"attributes":{"objectType":"Order"}}
        """;

    private byte[] _payload = [];

    [Params(100, 5_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var json = new StringBuilder("""{"totalCount":""").Append(Count).Append(""","items":[""");
        for (var i = 0; i < Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(OrderTemplate
                .Replace("#ID#", i.ToString("D28", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("#ALT#", i.ToString("x12", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        json.Append("""],"links":{"self":{"uri":"/customers/x/orders","method":"GET","headers":[]}},"attributes":{"objectType":"Collection"}}""");
        _payload = Encoding.UTF8.GetBytes(json.ToString());
    }

    [Benchmark]
    public int ReadOrderCollection() =>
        JsonSerializer.Deserialize<ResourceCollectionDto<OrderDto>>(_payload, PartnerCenterJson.Options)!.Items!.Count;

    [Benchmark]
    public int ReadAndMapOrderCollection() =>
        JsonSerializer.Deserialize<ResourceCollectionDto<OrderDto>>(_payload, PartnerCenterJson.Options)!.Items!
            .Select(o => o.ToOrder("bd59b416-37f9-4d8f-8df3-5750111fc615"))
            .Count();
}
