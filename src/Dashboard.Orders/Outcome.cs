using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Orders;

/// <summary>Either a value or the <see cref="Problem"/> that prevented it.</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

#pragma warning disable CA1000 // A factory on the generic type reads best at the call site: Outcome<Order>.Success(order).
    public static Outcome<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static Outcome<T> Failure(Problem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));
#pragma warning restore CA1000

    public static implicit operator Outcome<T>(T value) => Success(value);

    public static implicit operator Outcome<T>(Problem problem) => Failure(problem);
}
