using System.Globalization;

namespace Dashboard.Benchmarks.Pages;

/// <summary>Measurements of one figure: times in milliseconds, or sizes in bytes; with the runs that gave no result.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    /// <summary>Runs whose result never showed (counted apart, not as a value).</summary>
    public int Missing { get; set; }

    /// <summary>For a raw read: the body's size.</summary>
    public long Bytes { get; set; }

    public void Add(double value) => _values.Add(value);

    public double Median => Percentile(50);

    /// <summary>Nearest rank: the smallest value with at least p% of the values at or below it.</summary>
    public double Percentile(double p)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The value added last, for progress lines.</summary>
    public double Last => _values.Count == 0 ? double.NaN : _values[^1];

    public double Min => _values.Count == 0 ? double.NaN : _values.Min();

    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    /// <summary>"median 123 (min 100, max 180, n 8)", for the log under the table.</summary>
    public string Describe(string unit = "ms") => Count == 0
        ? $"no value ({Missing} missing)"
        : string.Create(CultureInfo.InvariantCulture,
            $"median {Median:N0} {unit}, p95 {Percentile(95):N0}, min {Min:N0}, max {Max:N0}, n {Count}{(Missing > 0 ? $", {Missing} missing" : "")}");
}
