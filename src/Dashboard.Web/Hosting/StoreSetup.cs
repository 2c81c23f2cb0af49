using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

internal static class StoreSetup
{
    /// <summary>
    /// The dashboard's own store, as <c>Store:*</c> says (SQLite by default), with what it holds: the activity log
    /// (<c>Activity:*</c>) and bulk jobs (<c>Jobs:*</c>).
    /// </summary>
    public static WebApplicationBuilder AddStoreAndJobs(this WebApplicationBuilder builder, StoreSettings store)
    {
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddDashboardStore(options => options.UseSqlite(store.ConnectionString));
        builder.Services.AddJobs();
        return builder;
    }
}
