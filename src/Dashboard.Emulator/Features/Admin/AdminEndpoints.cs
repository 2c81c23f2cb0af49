using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.Admin;

/// <summary>
/// The emulator's own controls, outside the Partner Center API (<c>/emulator</c>, no token needed): reset the sandbox,
/// change the injected faults, and list the changes applied to orders.
/// </summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/reset", ResetAsync);
        admin.MapGet("/faults", (FaultSettings faults) => Results.Json(faults.Current));
        admin.MapPut("/faults", ReplaceFaults);
        admin.MapGet("/changes", ListChangesAsync);
        return admin;
    }

    private static async Task<IResult> ResetAsync(HttpRequest request, SandboxDatabase database, CancellationToken cancellationToken)
    {
        var seed = request.Query["seed"].ToString();
        if (seed.Length > 0 && seed is not ("demo" or "large" or "empty"))
        {
            return Results.BadRequest(new { message = "seed must be demo, large or empty" });
        }

        await database.ResetAsync(seed.Length > 0 ? seed : null, cancellationToken);
        return Results.NoContent();
    }

    private static IResult ReplaceFaults(FaultOptions faults, FaultSettings settings)
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(faults, new(faults), problems, validateAllProperties: true))
        {
            return Results.BadRequest(new { message = string.Join(" ", problems.Select(p => p.ErrorMessage)) });
        }

        settings.Replace(faults);
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
}
