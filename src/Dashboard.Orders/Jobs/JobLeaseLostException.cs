namespace Dashboard.Orders.Jobs;

/// <summary>Another instance holds the job now (this one's lease ran out and was taken over): this run stops at once.</summary>
public sealed class JobLeaseLostException : Exception
{
    public JobLeaseLostException()
    {
    }

    public JobLeaseLostException(string message)
        : base(message)
    {
    }

    public JobLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal JobLeaseLostException(Guid jobId)
        : base($"Job {jobId} is held by another instance now.")
    {
    }
}
