using System.Globalization;

namespace Dashboard.Benchmarks.Pages;

/// <summary>What one more circuit costs the server, with a page open in it, measured two ways.</summary>
/// <param name="BaselineBytes">The working set before the first N circuits, after one visit of the page.</param>
/// <param name="WithCircuitsBytes">The working set with the first N circuits open, without a collection.</param>
/// <param name="SteadyRounds">Each steady round: the working set and the live managed bytes after full collections, without and with N circuits.</param>
internal sealed record CircuitCost(int Circuits, long BaselineBytes, long WithCircuitsBytes, IReadOnlyList<SteadyRound> SteadyRounds)
{
    /// <summary>First circuits, no collection: includes the garbage their start left and the code they made the JIT compile.</summary>
    public double FirstPerCircuitBytes => (double)(WithCircuitsBytes - BaselineBytes) / Circuits;

    /// <summary>Steady state: the median over the rounds of the working set N more circuits keep after a full collection.</summary>
    public double PerCircuitBytes => Median(SteadyRounds.Select(r => (double)(r.WithWorkingSet - r.WithoutWorkingSet) / Circuits));

    /// <summary>Steady state: the median over the rounds of the managed bytes N more circuits keep alive.</summary>
    public double HeapPerCircuitBytes => Median(SteadyRounds.Select(r => (double)(r.WithHeap - r.WithoutHeap) / Circuits));

    public override string ToString()
    {
        var rounds = string.Join(", ", SteadyRounds.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{Mb(r.WithoutWorkingSet)} -> {Mb(r.WithWorkingSet)} ({(r.WithWorkingSet - r.WithoutWorkingSet) / 1024.0 / Circuits:N0} KB; live managed {(r.WithHeap - r.WithoutHeap) / 1024.0 / Circuits:N0} KB)")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Circuits} circuits: first, no collection {Mb(BaselineBytes)} -> {Mb(WithCircuitsBytes)}, {FirstPerCircuitBytes / 1024:N0} KB each; steady, after a full collection, median {PerCircuitBytes / 1024:N0} KB each (live managed {HeapPerCircuitBytes / 1024:N0} KB) of {rounds}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");
}

/// <summary>One steady round of <see cref="CircuitMemory"/>: after full collections, without and with N circuits.</summary>
internal sealed record SteadyRound(long WithoutWorkingSet, long WithWorkingSet, long WithoutHeap, long WithHeap);
