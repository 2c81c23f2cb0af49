using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// Partner Center whose order lists lag behind, as the real one's can for minutes after a purchase: a pass-through to
/// the emulator on its own loopback port that leaves the chosen orders out of <c>GET /v1/customers/{id}/orders</c>.
/// Reading those orders one by one, and their entitlements, still finds them.
/// </summary>
internal sealed partial class LaggingOrderList : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _emulator;

    private LaggingOrderList(Uri emulator, IReadOnlySet<string> hidden)
    {
        _emulator = new HttpClient { BaseAddress = emulator };
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(context => ForwardAsync(context, hidden));
    }

    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<LaggingOrderList> StartAsync(Uri emulator, params string[] hiddenOrderIds)
    {
        var proxy = new LaggingOrderList(emulator, hiddenOrderIds.ToHashSet(StringComparer.Ordinal));
        await proxy._app.StartAsync();
        proxy.BaseAddress = new Uri(proxy._app.Urls.First() + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _emulator.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, IReadOnlySet<string> hidden)
    {
        var path = context.Request.Path.Value ?? "/";
        using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.Method), path.TrimStart('/') + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forwarded.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers.Where(h => !NotForwarded.Contains(h.Key)))
        {
            if (!forwarded.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var answer = await _emulator.SendAsync(forwarded, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        var body = await answer.Content.ReadAsStringAsync(context.RequestAborted);
        if (HttpMethods.IsGet(context.Request.Method) && answer.IsSuccessStatusCode && OrderList().IsMatch(path))
        {
            var list = JsonNode.Parse(body)!.AsObject();
            var items = list["items"]!.AsArray();
            foreach (var order in items.Where(o => hidden.Contains(o!["id"]!.GetValue<string>())).ToList())
            {
                items.Remove(order);
            }

            list["totalCount"] = items.Count;
            body = list.ToJsonString();
        }

        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    [GeneratedRegex(@"\A/v1/customers/[^/]+/orders/?\z", RegexOptions.IgnoreCase)]
    private static partial Regex OrderList();
}
