using Dashboard.PartnerCenter;

namespace Dashboard.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IOrderService"/> and the Partner Center client behind it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="partnerCenterRoot">
    /// Where Partner Center is when the host decides it (the built-in emulator); null means <c>PartnerCenter:BaseUrl</c>.
    /// </param>
    public static IServiceCollection AddOrders(this IServiceCollection services, Func<IServiceProvider, Uri>? partnerCenterRoot = null)
    {
        services.AddPartnerCenterClient(partnerCenterRoot);
        services.AddScoped<IOrderService, OrderService>();
        return services;
    }
}
