using System.Globalization;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What one more circuit costs the server, with a page open in it, measured two ways.</summary>
/// <param name="BaselineBytes">The working set before the first N circuits, after one visit of the page.</param>
/// <param name="WithCircuitsBytes">The working set with the first N circuits open, without a collection.</param>
/// <param name="SteadyRounds">Each steady round: the working set after a full collection without, then with, N circuits.</param>
internal sealed record CircuitCost(int Circuits, long BaselineBytes, long WithCircuitsBytes, IReadOnlyList<(long Without, long With)> SteadyRounds)
{
    /// <summary>First circuits, no collection: includes the garbage their start left and the code they made the JIT compile.</summary>
    public double FirstPerCircuitBytes => (double)(WithCircuitsBytes - BaselineBytes) / Circuits;

    /// <summary>Steady state: the median over the rounds of what N more circuits keep after a full collection.</summary>
    public double PerCircuitBytes => SteadyRounds.Select(r => (double)(r.With - r.Without) / Circuits).OrderBy(b => b).ToList()[SteadyRounds.Count / 2];

    public override string ToString()
    {
        var rounds = string.Join(", ", SteadyRounds.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{Mb(r.Without)} -> {Mb(r.With)} ({(r.With - r.Without) / 1024.0 / Circuits:N0} KB)")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Circuits} circuits: first, no collection {Mb(BaselineBytes)} -> {Mb(WithCircuitsBytes)}, {FirstPerCircuitBytes / 1024:N0} KB each; steady, after a full collection, median {PerCircuitBytes / 1024:N0} KB each of {rounds}");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");
}
