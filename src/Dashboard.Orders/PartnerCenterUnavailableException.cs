namespace Dashboard.Orders;

/// <summary>
/// Partner Center could not answer a read: no connection, a timeout, a server error or an answer that is not Partner
/// Center's. <see cref="Exception.Message"/> is written for users; it never carries response bodies or headers.
/// </summary>
public sealed class PartnerCenterUnavailableException : Exception
{
    public PartnerCenterUnavailableException()
    {
    }

    public PartnerCenterUnavailableException(string message)
        : base(message)
    {
    }

    public PartnerCenterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartnerCenterUnavailableException(string message, string? correlationId)
        : base(message)
    {
        CorrelationId = correlationId;
    }

    /// <summary>The <c>MS-CorrelationId</c> of the failed call.</summary>
    public string? CorrelationId { get; }

    /// <summary>The same failure as a value a page can show.</summary>
    public Problem ToProblem() => new(ProblemKind.Unavailable, Message, null, CorrelationId);
}
