namespace Dashboard.Orders;

/// <summary>A customer tenant of the partner.</summary>
/// <param name="Id">The customer tenant id (a GUID), which the order URLs use.</param>
/// <param name="CompanyName">The company name, or the id when Partner Center gave none.</param>
/// <param name="Domain">The default domain, e.g. <c>contoso.onmicrosoft.com</c>.</param>
public sealed record Customer(string Id, string CompanyName, string? Domain);
