using System.Text.Json;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Testing;

/// <summary>
/// The JSON fixtures under <c>tests/Dashboard.PartnerCenter.Tests/Fixtures</c>, copied next to the test assembly:
/// payloads of our own, shaped after the examples Partner Center has published (each folder's README says which).
/// </summary>
public static class PayloadFixtures
{
    /// <summary>One fixture per valid published payload that is an order, holds orders, or is a collection of them.</summary>
    public static TheoryData<string> PublishedOrderShapes => new()
    {
        "order-like-msdocs-01.json",
        "order-like-msdocs-02.json",
        "order-like-msdocs-03.json",
        "order-like-msdocs-04.json",
        "order-like-msdocs-06.json",
        "order-like-msdocs-08.json",
        "order-like-msdocs-10.json",
        "order-like-msdocs-11.json",
        "order-like-msdocs-13.json",
        "order-like-msdocs-15.json",
        "order-like-msdocs-20.json",
        "order-like-msdocsfork-24.json",
        "order-like-pstests-02.json",
        "order-like-pstests-03.json",
    };

    /// <summary>The text of a fixture, by its path under <c>Fixtures/</c>, e.g. <c>Errors/order-like-msdocs-17.json</c>.</summary>
    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", path));

    /// <summary>The text of an order fixture in <c>Fixtures/Orders</c>.</summary>
    public static string ReadOrder(string name) => Read(Path.Combine("Orders", name));

    /// <summary>
    /// The orders an order fixture holds, read with the client's JSON options as the client reads that resource: an
    /// order, the items of an order collection, or the <c>orders</c> of a cart checkout or transfer result (the client
    /// has no DTO for those two envelopes, so only their orders are read).
    /// </summary>
    public static IReadOnlyList<OrderDto> OrdersIn(string name)
    {
        var json = ReadOrder(name);
        switch (name)
        {
            case "order-like-msdocs-03.json":
                return Deserialize<ResourceCollectionDto<OrderDto>>(json).Items ?? [];
            case "order-like-msdocs-11.json" or "order-like-msdocs-20.json":
                using (var document = JsonDocument.Parse(json))
                {
                    return document.RootElement.GetProperty("orders").Deserialize<IReadOnlyList<OrderDto>>(PartnerCenterJson.Options)
                        ?? throw new InvalidOperationException($"{name}: orders is null.");
                }

            default:
                return [Deserialize<OrderDto>(json)];
        }
    }

    /// <summary>The single order of an order fixture.</summary>
    public static OrderDto OrderIn(string name) => OrdersIn(name).Single();

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, PartnerCenterJson.Options) ?? throw new InvalidOperationException("The fixture is JSON null.");
}
