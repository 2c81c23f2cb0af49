using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;

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
        // An unknown provider or a missing connection string stops start-up in the settings validator, before anything
        // opens the store; registered all the same, the services stay complete for the container's own checks.
        builder.Services.AddDashboardStore(store.Provider ?? StoreProvider.Sqlite, store.ConnectionString);
        builder.Services.AddJobs();
        return builder;
    }
}
