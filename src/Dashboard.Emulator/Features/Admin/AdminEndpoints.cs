using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Emulator.Features.Admin;

/// <summary>
/// The emulator's own controls, outside the Partner Center API (<c>/emulator</c>): reset the sandbox, change the injected
/// faults, list the changes applied to orders and the changing requests answered (one per <c>MS-RequestId</c>), and
/// count each tenant's requests against its limit. What changes state is a POST with a JSON body, which a web page
/// cannot send to another origin without a CORS preflight, and the emulator grants none.
/// </summary>
internal static class AdminEndpoints
{
    // Web defaults (camelCase, any casing read), but a misspelt setting is an error rather than silently ignored.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/reset", ResetAsync);
        admin.MapGet("/faults", (FaultSettings faults) => Results.Json(faults.Current));
        admin.MapPost("/faults", ReplaceFaultsAsync);
        admin.MapGet("/changes", ListChangesAsync);
        admin.MapGet("/requests", ListRequestsAsync);
        admin.MapGet("/throttling", (TenantThrottle throttle) => Results.Json(throttle.Report()));
        return admin;
    }

    private static async Task<IResult> ResetAsync(HttpRequest request, SandboxDatabase database, CancellationToken cancellationToken)
    {
        var (reset, refused) = await ReadBodyAsync<ResetRequest>(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var seed = reset!.Seed;
        if (seed is not (null or "demo" or "large" or "empty" or "bulk"))
        {
            return Refuse(StatusCodes.Status400BadRequest, $"seed must be demo, large, empty or bulk (it is '{seed}').");
        }

        await database.ResetAsync(seed, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ReplaceFaultsAsync(HttpRequest request, FaultSettings settings, CancellationToken cancellationToken)
    {
        var (faults, refused) = await ReadBodyAsync<FaultOptions>(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(faults!, new(faults!), problems, validateAllProperties: true))
        {
            return Refuse(StatusCodes.Status400BadRequest, string.Join(" ", problems.Select(p => p.ErrorMessage)));
        }

        settings.Replace(faults!);
        return Results.Json(settings.Current);
    }

    private static async Task<IResult> ListChangesAsync(HttpRequest request, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var orderId = request.Query["orderId"].ToString();
        var changes = await db.Changes.AsNoTracking()
            .Where(c => orderId.Length == 0 || c.OrderId == orderId)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return Results.Json(changes.Select(c => new { c.CustomerId, c.OrderId, c.RequestId, c.Change, c.AppliedAt }));
    }

    /// <summary>
    /// Every changing request answered with an <c>MS-RequestId</c>, once per id, whether it changed anything or was
    /// refused (a second cancel of a cancelled order is refused, and changes nothing): the tests' proof that a client
    /// asked once per order, which the applied changes alone cannot give.
    /// </summary>
    private static async Task<IResult> ListRequestsAsync(SandboxDbContext db, CancellationToken cancellationToken)
    {
        var requests = await db.Requests.AsNoTracking()
            .Select(r => new { r.RequestId, r.Method, r.Path, r.StatusCode, r.AnsweredAt })
            .ToListAsync(cancellationToken);
        return Results.Json(requests.OrderBy(r => r.AnsweredAt));
    }

    /// <summary>
    /// Reads a JSON object body: 415 unless the content type is application/json (a form or text/plain POST is what a
    /// cross-site page can send without asking), 400 with what is wrong for anything that is not the expected object.
    /// </summary>
    private static async Task<(T? Body, IResult? Refused)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Refuse(StatusCodes.Status415UnsupportedMediaType,
                $"The body must be JSON, sent with Content-Type: application/json (it is {(string.IsNullOrEmpty(request.ContentType) ? "missing" : $"'{request.ContentType}'")})."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Refuse(StatusCodes.Status400BadRequest, $"The body must be a JSON object, such as {{}} (it is {Describe(document.RootElement.ValueKind)})."));
            }

            return (document.RootElement.Deserialize<T>(Json)!, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, Refuse(StatusCodes.Status400BadRequest, $"The body is not what this endpoint takes{where}: {FirstSentence(ex.Message)}"));
        }
    }

    private static IResult Refuse(int statusCode, string message) => Results.Json(new { message }, statusCode: statusCode);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the path is given separately.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>The body of <c>POST /emulator/reset</c>: <c>{"seed": "demo"|"large"|"empty"}</c>, or <c>{}</c> for the configured seed.</summary>
    private sealed record ResetRequest(string? Seed);
}
