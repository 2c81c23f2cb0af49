using System.Text.Json;
using Dashboard.Orders;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Dashboard.Web.Hosting;

/// <summary>
/// What a load balancer or an orchestrator asks: <c>/health/live</c>, the process answers; <c>/health/ready</c>, the
/// store answers, and Redis when configured (503 otherwise). Partner Center failing makes readiness degraded, never
/// unready: every instance would fail alike, and the pages say what is wrong. <c>/health</c> answers as it always did,
/// like <c>/health/live</c>.
/// </summary>
internal static class DashboardHealth
{
    private const string Ready = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplicationBuilder AddDashboardHealth(this WebApplicationBuilder builder, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var checks = builder.Services.AddHealthChecks().AddOrdersChecks(Ready);
        if (settings.SharedState.Redis is not null)
        {
            checks.Add(new HealthCheckRegistration(
                "redis", sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()), HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5)));
        }

        return builder;
    }

    public static WebApplication MapDashboardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    /// <summary>Each check's status and, when it is not healthy, its fixed description: never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            Status = report.Status.ToString(),
            Checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { Status = e.Value.Status.ToString(), Description = e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
            }
        }
    }
}
