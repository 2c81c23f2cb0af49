namespace Dashboard.Orders.Activity;

/// <summary>The columns the activity log can be sorted by; ties are broken by time, newest first.</summary>
public enum ActivitySort
{
    Time,
    User,
    Action,
    Customer,
    Outcome,
}
