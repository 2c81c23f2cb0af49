using System.Collections.Concurrent;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The ids the emulator saw on each Partner Center request a desk sent. The emulator answers every request with the
/// <c>MS-CorrelationId</c> and <c>MS-RequestId</c> it received (faulted answers included), so the ids on its answer are
/// its own account of the request, not the client's. Requests that got no answer are not listed.
/// </summary>
internal sealed class EmulatorAnswers
{
    private readonly ConcurrentQueue<EmulatorAnswer> _answers = new();

    /// <summary>Every answer so far, in the order they came.</summary>
    public IReadOnlyList<EmulatorAnswer> All => [.. _answers];

    /// <summary>The answers to the cancels (PATCH) of one order.</summary>
    public IReadOnlyList<EmulatorAnswer> CancelsOf(string orderId) =>
        [.. _answers.Where(a => a.Method == "PATCH" && a.Path.EndsWith($"/orders/{orderId}", StringComparison.Ordinal))];

    /// <summary>Listens on every HTTP client of the desk, outside its own handlers: what they send is what went over the wire.</summary>
    public void ListenOn(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new Listener(_answers)));

    private sealed class Listener(ConcurrentQueue<EmulatorAnswer> answers) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            answers.Enqueue(new EmulatorAnswer(
                request.Method.Method, request.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode,
                Header(response, "MS-CorrelationId"), Header(response, "MS-RequestId")));
            return response;
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}

/// <summary>One answer of the emulator, with the ids it echoed.</summary>
internal sealed record EmulatorAnswer(string Method, string Path, int StatusCode, string? CorrelationId, string? RequestId);
