using System.Globalization;
using Dashboard.Orders.Jobs;

namespace Dashboard.Web.Features.Jobs;

/// <summary>How the job pages and dialogs write durations, states and outcomes.</summary>
internal static class JobDisplay
{
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => "under a second",
        { TotalMinutes: < 1 } => $"{Math.Ceiling(duration.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} s",
        { TotalHours: < 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    public static string Count(int count, string one, string many) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    public static Color StateColor(JobState state) => state switch
    {
        JobState.Running or JobState.Queued => Color.Info,
        JobState.Stopping or JobState.Stopped => Color.Warning,
        JobState.Completed => Color.Success,
        _ => Color.Error,
    };

    public static Color OutcomeColor(JobItemOutcome outcome) => outcome switch
    {
        JobItemOutcome.Cancelled or JobItemOutcome.AlreadyCancelled => Color.Success,
        JobItemOutcome.Refused or JobItemOutcome.Unknown => Color.Error,
        JobItemOutcome.Skipped => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The outcomes in the order the pages list them, with their names.</summary>
    public static IReadOnlyList<(JobItemOutcome Outcome, string Name)> Outcomes { get; } =
    [
        (JobItemOutcome.Cancelled, "Cancelled"),
        (JobItemOutcome.AlreadyCancelled, "Already cancelled"),
        (JobItemOutcome.Refused, "Refused"),
        (JobItemOutcome.Skipped, "Skipped"),
        (JobItemOutcome.Unknown, "Outcome unknown"),
        (JobItemOutcome.None, "Not finished"),
    ];

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
