namespace Dashboard.Emulator.Storage;

/// <summary>A customer tenant of the sandbox partner.</summary>
internal sealed class CustomerRecord
{
    public required string Id { get; set; }
    public required string CommerceId { get; set; }
    public required string CompanyName { get; set; }
    public required string Domain { get; set; }
    public string RelationshipToPartner { get; set; } = "reseller";
}

/// <summary>
/// What the catalog says an order's product is. Partner Center keeps this in the product catalog, not on the
/// order (docs/partner-center.md#product-kinds); the emulator stores it with the order so that its cancellation rules
/// can be applied.
/// </summary>
internal enum ProductKind
{
    ReservedInstance,
    PerpetualSoftware,
    SoftwareSubscription,
    MarketplaceSaaS,
    NewCommerce,
    AzurePlan,
}

internal sealed class OrderRecord
{
    public required string Id { get; set; }
    public required string AlternateId { get; set; }
    public required string CustomerId { get; set; }
    public required string BillingCycle { get; set; }
    public string CurrencyCode { get; set; } = "USD";
    public string CurrencySymbol { get; set; } = "$";
    public DateTimeOffset CreationDate { get; set; }
    public required string Status { get; set; }
    public string TransactionType { get; set; } = "UserPurchase";
    public ProductKind ProductKind { get; set; }

    /// <summary>Bumped by every change; the order's etag is derived from it.</summary>
    public int Version { get; set; } = 1;

    public List<LineItemRecord> LineItems { get; set; } = [];

    /// <summary>
    /// When a whole-order cancel accepted with <c>Emulator:CancelProcessingSeconds</c> above 0 takes effect. The
    /// <see cref="Status"/> is already "cancelled"; until this moment every read shows "pending", as Partner Center's
    /// asynchronous processing does (docs/partner-center.md#asynchronous-cancel). Null: cancelled at once, or never.
    /// </summary>
    public DateTimeOffset? CancelTakesEffectAt { get; set; }

    /// <summary>The status a read shows at <paramref name="now"/>. Every read that shows or acts on status uses this.</summary>
    public string StatusAt(DateTimeOffset now) => IsCancelPending(now) ? "pending" : Status;

    /// <summary>A cancel was accepted but has not taken effect yet: the purchase is still provisioned.</summary>
    public bool IsCancelPending(DateTimeOffset now) => CancelTakesEffectAt > now;
}

internal sealed class LineItemRecord
{
    public int LineItemNumber { get; set; }
    public required string OfferId { get; set; }
    public string? SubscriptionId { get; set; }
    public string TermDuration { get; set; } = "";
    public string TransactionType { get; set; } = "New";
    public required string FriendlyName { get; set; }
    public int Quantity { get; set; } = 1;

    /// <summary>The list price of one unit, in the order's currency.</summary>
    public decimal UnitPrice { get; set; }

    /// <summary>The indirect reseller's partner id, for orders placed on behalf of one.</summary>
    public string? PartnerIdOnRecord { get; set; }

    public List<string>? AdditionalPartnerIdsOnRecord { get; set; }
}

/// <summary>The answer given to a PATCH, kept under its <c>MS-RequestId</c> so that a retry gets the same answer.</summary>
internal sealed class RequestRecord
{
    public required string RequestId { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public int StatusCode { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>A change the emulator applied to an order, for tests that must prove a cancel was applied once.</summary>
internal sealed class ChangeRecord
{
    public int Id { get; set; }
    public required string CustomerId { get; set; }
    public required string OrderId { get; set; }
    public string? RequestId { get; set; }
    public required string Change { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

/// <summary>
/// A Partner Center audit record the emulator wrote when it applied a change (docs/partner-center.md#audit-records).
/// Keyed by the UTC ticks of its operation date, which are unique: the published ids are
/// <c>{partnerId}_{ticks}</c>, and a record made in the same tick as another is dated one tick later.
/// </summary>
internal sealed class AuditTrailRecord
{
    public long Ticks { get; set; }
    public required string PartnerId { get; set; }
    public required string CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public required string UserPrincipalName { get; set; }
    public required string ApplicationId { get; set; }
    public required string SessionId { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceOldValue { get; set; }
    public required string ResourceNewValue { get; set; }
    public required string OperationType { get; set; }
    public required string OriginalCorrelationId { get; set; }
    public required string OperationStatus { get; set; }
    public List<AuditDataRecord> CustomizedData { get; set; } = [];
}

/// <summary>One <c>{key, value}</c> of an audit record's <c>customizedData</c>; the value may be null, as published.</summary>
internal sealed class AuditDataRecord
{
    public required string Key { get; set; }
    public string? Value { get; set; }
}
