using System.ComponentModel.DataAnnotations;

namespace Dashboard.Orders.Activity;

/// <summary>How long the activity log keeps its records, bound from the <c>Activity</c> section and validated at start-up.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Activity";

    /// <summary>The shortest retention allowed; the database itself refuses to delete younger records.</summary>
    public const int MinRetentionDays = 30;

    /// <summary>
    /// Records older than this many days are removed, once at start-up and then daily. 400 days by default: more than
    /// a year, and well beyond Partner Center's own 90 days of audit records.
    /// </summary>
    [Range(MinRetentionDays, 36500, ErrorMessage = "Activity:RetentionDays must be between 30 and 36500.")]
    public int RetentionDays { get; set; } = 400;

    internal TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
