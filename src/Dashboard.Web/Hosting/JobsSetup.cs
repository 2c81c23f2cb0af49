using Dashboard.Orders.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

internal static class JobsSetup
{
    /// <summary>Bulk jobs on the dashboard's own store, as <c>Store:*</c> says (SQLite by default).</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder, StoreSettings store)
    {
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddJobs(options => options.UseSqlite(store.ConnectionString));
        return builder;
    }
}
