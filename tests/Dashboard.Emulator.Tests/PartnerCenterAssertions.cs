using System.Net;
using System.Text.Json;

namespace Dashboard.Emulator.Tests;

internal static class PartnerCenterAssertions
{
    /// <summary>Asserts a Partner Center error answer: the status, and the body {code, description, data, source} with the code.</summary>
    public static async Task<JsonElement> ShouldBeErrorAsync(this HttpResponseMessage response, HttpStatusCode status, int code)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var body = await response.ReadJsonAsync();
        body.EnumerateObject().Select(p => p.Name).ShouldBe(["code", "description", "data", "source"], ignoreOrder: true);
        body.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Number);
        body.GetProperty("code").GetInt32().ShouldBe(code);
        body.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
        body.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Array);
        body.GetProperty("source").GetString().ShouldBe("PartnerFD");
        return body;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>message</c> of an answer of the emulator's own controls, <c>{"message": "..."}</c>.</summary>
    public static async Task<string> ReadMessageAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var body = await response.ReadJsonAsync();
        body.PropertyNames().ShouldBe(["message"]);
        return body.GetProperty("message").GetString().ShouldNotBeNull();
    }

    public static IReadOnlyList<string> PropertyNames(this JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>GETs a resource, asserts 200 and returns its JSON body.</summary>
    public static async Task<JsonElement> GetOkJsonAsync(this HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {uri}");
        return await response.ReadJsonAsync();
    }

    /// <summary>The items of a collection resource.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement collection) => [.. collection.GetProperty("items").EnumerateArray()];
}
