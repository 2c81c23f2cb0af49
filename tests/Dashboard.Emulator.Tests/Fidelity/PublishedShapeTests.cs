using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Fidelity;

/// <summary>
/// The emulator answers in the shapes Partner Center publishes. For every published example of an answer the
/// emulator gives (published-shapes.json, extracted from the payload collection), each field is in the emulator's
/// answer with the same name, casing and JSON type; and the emulator writes no field that no published example has.
/// </summary>
public sealed class PublishedShapeTests : IAsyncLifetime
{
    private static readonly PublishedShapes Published = PublishedShapes.Load();

    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    public static TheoryData<string> Payloads() => [.. Published.Payloads.Keys];

    public static TheoryData<string> Resources() => [.. Published.Payloads.Values.Select(p => p.Resource).Distinct()];

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task EmulatorAnswer_HasEveryFieldOfThePublishedExample(string payload)
    {
        var published = Published.Payloads[payload];

        var emulator = await EmulatorShapeAsync(published.Resource, published.CompareWith);

        var missing = published.Fields
            .Where(f => !emulator.TryGetValue(f.Key, out var type) || type != f.Value)
            .Select(f => $"{f.Key} ({f.Value}; emulator: {emulator.GetValueOrDefault(f.Key, "absent")})")
            .ToList();
        missing.ShouldBeEmpty($"{payload} has fields the emulator's {published.Resource} answer lacks or types differently");
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task EmulatorAnswer_HasNoFieldThatNoPublishedExampleHas(string resource)
    {
        var examples = Published.Payloads.Values.Where(p => p.Resource == resource).ToList();
        var publishedFields = examples.SelectMany(p => p.Fields.Keys).ToHashSet(StringComparer.Ordinal);
        if (resource == "OrderCollection")
        {
            // An order in a collection is an order: every published order field may appear in its items.
            publishedFields.UnionWith(Published.Payloads.Values.Where(p => p.Resource == "Order").SelectMany(p => p.Fields.Keys).Select(k => $"items[].{k}"));
        }

        var emulator = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var compareWith in examples.Select(p => p.CompareWith).Distinct())
        {
            foreach (var field in await EmulatorShapeAsync(resource, compareWith))
            {
                emulator[field.Key] = field.Value;
            }
        }

        emulator.Keys.Where(k => !publishedFields.Contains(k)).ShouldBeEmpty($"the emulator's {resource} answers have fields no published example has");
    }

    /// <summary>The union of the shapes of the emulator's answers of one kind, over the whole demo sandbox.</summary>
    private async Task<Dictionary<string, string>> EmulatorShapeAsync(string resource, string? compareWith)
    {
        var shape = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (resource)
        {
            case "Order":
                foreach (var order in await OrdersAsync(compareWith))
                {
                    Shapes.Add(order, "", shape);
                }

                break;
            case "OrderCollection":
                foreach (var customer in await CustomerIdsAsync())
                {
                    Shapes.Add(await GetAsync($"v1/customers/{customer}/orders"), "", shape);
                }

                break;
            case "ProvisioningStatusCollection":
                Shapes.Add(await GetAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}/provisioningstatus"), "", shape);
                break;
            case "EntitlementCollection":
                foreach (var customer in await CustomerIdsAsync())
                {
                    Shapes.Add(await GetAsync($"v1/customers/{customer}/entitlements?entitlementType={compareWith}&showExpiry=true"), "", shape);
                }

                break;
            case "Error":
                Shapes.Add(await GetAsync($"v1/customers/{SeedIds.Contoso}/orders/doesNotExist1", HttpStatusCode.NotFound), "", shape);
                Shapes.Add(await SendAsync(HttpMethod.Delete, $"v1/customers/{SeedIds.Contoso}", HttpStatusCode.BadRequest), "", shape);
                break;
            case "AuditRecordCollection":
                // One record of each kind the emulator writes: a cancel of a whole order, of a line, a customer delete.
                await AuditedChangesAsync();
                Shapes.Add(await GetAsync("v1/auditrecords"), "", shape);
                break;
            case "Throttling":
                // The injected 429 is written by the same code as the per-tenant limit's.
                (await _client.PostAsJsonAsync("emulator/faults", new { throttleRate = 1 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
                try
                {
                    Shapes.Add(await GetAsync("v1/customers", HttpStatusCode.TooManyRequests), "", shape);
                }
                finally
                {
                    (await _client.PostAsJsonAsync("emulator/faults", new { }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
                }

                break;
            default:
                throw new InvalidOperationException($"No emulator answer is known for {resource}.");
        }

        shape.ShouldNotBeEmpty($"the emulator gave no {resource} answer to compare ({compareWith})");
        return shape;
    }

    private async Task AuditedChangesAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        (await _client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.PatchAsJsonAsync($"v1/customers/{SeedIds.Woodgrove}/orders/{SeedIds.WoodgroveSoftware}",
            new { id = SeedIds.WoodgroveSoftware, status = "cancelled", lineItems = new[] { new { lineItemNumber = 1 } } }, cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    private async Task<List<JsonElement>> OrdersAsync(string? kind)
    {
        var orders = new List<JsonElement>();
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var customer in await CustomerIdsAsync())
        {
            foreach (var order in (await GetAsync($"v1/customers/{customer}/orders")).GetProperty("items").EnumerateArray())
            {
                var productId = order.GetProperty("lineItems")[0].GetProperty("offerId").GetString()!.Split(':')[0];
                if (!kinds.TryGetValue(productId, out var productKind))
                {
                    productKind = KindOf(await GetAsync($"v1/products/{productId}?country=US"));
                    kinds[productId] = productKind;
                }

                if (productKind == kind)
                {
                    orders.Add(order);
                }
            }
        }

        return orders;
    }

    // The productType the emulator's catalog gives each kind of product (docs/partner-center.md#product-kinds).
    private static string KindOf(JsonElement product)
    {
        var type = product.GetProperty("productType");
        var subType = type.TryGetProperty("subType", out var sub) ? sub.GetProperty("id").GetString() : null;
        return (type.GetProperty("id").GetString(), subType) switch
        {
            ("Azure", "VirtualMachines") => "ReservedInstance",
            ("Azure", "SaaS") => "MarketplaceSaaS",
            ("Azure", "AzurePlan") => "AzurePlan",
            ("Software", "SoftwarePerpetual") => "PerpetualSoftware",
            ("Software", "SoftwareSubscriptions") => "SoftwareSubscription",
            ("OnlineServices", _) => "NewCommerce",
            var other => throw new InvalidOperationException($"Unexpected productType {other}."),
        };
    }

    private async Task<List<string>> CustomerIdsAsync()
    {
        var customers = await GetAsync("v1/customers?size=500");
        return [.. customers.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }

    private Task<JsonElement> GetAsync(string uri, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(HttpMethod.Get, uri, expected);

    private async Task<JsonElement> SendAsync(HttpMethod method, string uri, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, uri);
        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(expected, uri);
        return await response.ReadJsonAsync();
    }
}

/// <summary>The field paths and JSON types of a JSON document, in the notation of published-shapes.json.</summary>
internal static class Shapes
{
    public static void Add(JsonElement element, string prefix, Dictionary<string, string> shape)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                    Note(shape, path, property.Value);
                    Add(property.Value, path, shape);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Note(shape, $"{prefix}[]", item);
                    Add(item, $"{prefix}[]", shape);
                }

                break;
        }
    }

    // As in extract_published_shapes.py: a null says nothing about a field's type, so the first other type wins over it.
    private static void Note(Dictionary<string, string> shape, string path, JsonElement value)
    {
        if (shape.GetValueOrDefault(path, "null") == "null")
        {
            shape[path] = TypeOf(value);
        }
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

/// <summary>published-shapes.json, found from the test's output folder up to the repository.</summary>
internal sealed record PublishedShapes(IReadOnlyDictionary<string, PublishedShape> Payloads)
{
    public static PublishedShapes Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tests", "Dashboard.Emulator.Tests", "Fidelity", "published-shapes.json");
            if (File.Exists(path))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                var payloads = document.RootElement.GetProperty("payloads").EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => new PublishedShape(
                        p.Value.GetProperty("resource").GetString()!,
                        p.Value.GetProperty("compareWith").GetString(),
                        p.Value.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.Ordinal)),
                    StringComparer.Ordinal);
                return new PublishedShapes(payloads);
            }
        }

        throw new InvalidOperationException("published-shapes.json was not found above the test output folder.");
    }
}

internal sealed record PublishedShape(string Resource, string? CompareWith, IReadOnlyDictionary<string, string> Fields);
