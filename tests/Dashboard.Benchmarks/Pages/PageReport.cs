using System.Globalization;
using System.Text;

namespace Dashboard.Benchmarks.Pages;

/// <summary>Everything one run measured, printed as the table of issue 13's targets.</summary>
internal sealed class PageReport(CustomerFigures small, CustomerFigures large)
{
    private readonly List<string[]> _rows = [];

    public CircuitCost? IdleCircuits { get; set; }

    public CircuitCost? SmallCircuits { get; set; }

    public CircuitCost? LargeCircuits { get; set; }

    public Samples? ColdFresh { get; set; }

    public Samples? ColdWarm { get; set; }

    public List<string> LoadAverages { get; } = [];

    public string Print()
    {
        double rawSmall = small.RawRead.Median, rawLarge = large.RawRead.Median;
        Time("raw read GET /v1/customers/{id}/orders, HttpClient (median)", s => s.RawRead.Median, "-", null, null);
        foreach (var (what, pick) in new (string, Func<CustomerFigures, Samples>)[]
        {
            ("open: click on the customer's link, same circuit (median)", f => f.OpenInApp),
            ("open: navigation in a signed-in tab, new circuit (median)", f => f.OpenNewCircuit),
            ("open: first load, fresh context + cookies (median)", f => f.OpenFirstLoad),
        })
        {
            Time(what, f => pick(f).Median, "1k <= raw + 250 ms; 10k <= 1.3 x raw",
                small => Verdict(pick(small), pick(small).Median <= rawSmall + 250), large => Verdict(pick(large), pick(large).Median <= 1.3 * rawLarge));
        }

        Time("sort: header click -> first row changed (p95)", f => f.Sort.Percentile(95), "10k p95 <= 120 ms", null, f => Verdict(f.Sort, f.Sort.Percentile(95) <= 120));
        Time("status chip filter -> #orders-shown changed (p95)", f => f.Filter.Percentile(95), "10k p95 <= 120 ms", null, f => Verdict(f.Filter, f.Filter.Percentile(95) <= 120));
        Time("next page -> first row changed (p95)", f => f.NextPage.Percentile(95), "10k p95 <= 120 ms", null, f => Verdict(f.NextPage, f.NextPage.Percentile(95) <= 120));
        Time("search, typed -> #orders-shown changed (median)", f => f.Search.Median, "10k median <= 300 + 120 ms", null, f => Verdict(f.Search, f.Search.Median <= 420));
        Bytes("first load: HTTP bytes until first row (median)", f => f.HttpBytes, "<= 300 KB", 300 * 1024);
        Bytes("first load: WebSocket bytes until first row (median)", f => f.WebSocketBytes, "<= 150 KB", 150 * 1024);
        Bytes("  the same deflated, estimate of the wire (median)", f => f.WebSocketDeflatedBytes, "-", null);
        Bytes("first load: HTTP bytes, 2 s after first row (median)", f => f.HttpBytesSettled, "-", null);
        Bytes("first load: WebSocket bytes, 2 s after first row (median)", f => f.WebSocketBytesSettled, "-", null);
        _rows.Add(["server working set per circuit, orders page open (steady; snapshot kept 1 h)", Kb(SmallCircuits?.PerCircuitBytes), "", Kb(LargeCircuits?.PerCircuitBytes), "",
            "10k <= 1 MB", LargeCircuits is null ? "-" : PassFail(LargeCircuits.PerCircuitBytes <= 1024 * 1024)]);
        _rows.Add(["server working set per idle circuit, customers page (steady)", Kb(IdleCircuits?.PerCircuitBytes), "", "(same)", "",
            "<= 300 KB", IdleCircuits is null ? "-" : PassFail(IdleCircuits.PerCircuitBytes <= 300 * 1024)]);
        _rows.Add(["  live managed bytes per circuit, orders page open (steady)", Kb(SmallCircuits?.HeapPerCircuitBytes), "", Kb(LargeCircuits?.HeapPerCircuitBytes), "", "-", "-"]);
        _rows.Add(["  live managed bytes per idle circuit (steady)", Kb(IdleCircuits?.HeapPerCircuitBytes), "", "(same)", "", "-", "-"]);
        _rows.Add(["  the same, first circuits without a collection, orders page", Kb(SmallCircuits?.FirstPerCircuitBytes), "", Kb(LargeCircuits?.FirstPerCircuitBytes), "", "-", "-"]);
        _rows.Add(["  the same, first circuits without a collection, idle", Kb(IdleCircuits?.FirstPerCircuitBytes), "", "(same)", "", "-", "-"]);
        Single("cold start to first 200, fresh data folder (median)", ColdFresh);
        Single("cold start to first 200, warm data folder (median)", ColdWarm);

        var text = new StringBuilder();
        string[] header = ["measure", small.Customer.Label, "ratio", large.Customer.Label, "ratio", "target", "pass/fail"];
        var widths = header.Select((h, i) => Math.Max(h.Length, _rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(Line(header, widths));
        text.AppendLine(Line([.. widths.Select(w => new string('-', w))], widths));
        foreach (var row in _rows)
        {
            text.AppendLine(Line(row, widths));
        }

        return text.ToString();
    }

    /// <summary>The samples behind each figure, for the record.</summary>
    public string Details()
    {
        var text = new StringBuilder();
        foreach (var f in new[] { small, large })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{f.Customer.Label} (customer {f.Customer.Id}):");
            text.AppendLine(CultureInfo.InvariantCulture, $"  raw read        {f.RawRead.Describe()}, body {f.RawRead.Bytes / 1024.0:N0} KB");
            text.AppendLine(CultureInfo.InvariantCulture, $"  open in circuit {f.OpenInApp.Describe()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  open new circ.  {f.OpenNewCircuit.Describe()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  first load      {f.OpenFirstLoad.Describe()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  sort            {f.Sort.Describe()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  filter          {f.Filter.Describe()} (pressed chip toggles off: {f.ChipToggles})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  next page       {f.NextPage.Describe()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  search          {f.Search.Describe()}");
            if (f.LastFirstLoad is { } t)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  first load until first row (last run): {t.HttpResponses} HTTP responses {t.HttpBytes / 1024.0:N1} KB; {t.WebSocketMessages} WebSocket messages {t.WebSocketBytes / 1024.0:N1} KB ({t.WebSocketReceivedBytes / 1024.0:N1} KB received, the largest {t.LargestWebSocketMessage / 1024.0:N1} KB; deflated about {t.WebSocketDeflatedBytes / 1024.0:N1} KB; extensions '{t.WebSocketExtensions}')");
            }
        }

        foreach (var (what, cost) in new[] { ("idle (customers page)", IdleCircuits), ("orders page, 1k", SmallCircuits), ("orders page, 10k", LargeCircuits) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"circuits, {what}: {cost?.ToString() ?? "not measured"}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"cold start fresh: {ColdFresh?.Describe() ?? "not measured"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"cold start warm:  {ColdWarm?.Describe() ?? "not measured"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"load average (1, 5, 15 min) during the run: {string.Join("; ", LoadAverages)}");
        return text.ToString();
    }

    private void Time(string what, Func<CustomerFigures, double> value, string target, Func<CustomerFigures, string>? smallVerdict, Func<CustomerFigures, string>? largeVerdict)
    {
        var verdicts = new[] { smallVerdict is null ? null : $"1k {smallVerdict(small)}", largeVerdict is null ? null : $"10k {largeVerdict(large)}" }.OfType<string>();
        _rows.Add([what, Ms(value(small)), Ratio(value(small), small.RawRead.Median), Ms(value(large)), Ratio(value(large), large.RawRead.Median),
            target, string.Join(", ", verdicts) is { Length: > 0 } v ? v : "-"]);
    }

    private void Bytes(string what, Func<CustomerFigures, Samples> pick, string target, double? limit)
    {
        var verdict = limit is { } l ? $"1k {Verdict(pick(small), pick(small).Median <= l)}, 10k {Verdict(pick(large), pick(large).Median <= l)}" : "-";
        _rows.Add([what, Kb(pick(small).Median), "", Kb(pick(large).Median), "", target, verdict]);
    }

    private void Single(string what, Samples? samples) =>
        _rows.Add([what, Ms(samples?.Median ?? double.NaN), "", "(same)", "", "<= 2,000 ms", samples is null ? "-" : Verdict(samples, samples.Median <= 2_000)]);

    private static string Verdict(Samples samples, bool within) =>
        samples.Count == 0 ? "FAIL (no value)" : samples.Missing > 0 ? $"FAIL ({samples.Missing} never showed)" : PassFail(within);

    private static string PassFail(bool within) => within ? "pass" : "FAIL";

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms");

    private static string Kb(double? bytes) => bytes is not { } b || double.IsNaN(b) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{b / 1024:N0} KB");

    private static string Ratio(double value, double raw) =>
        double.IsNaN(value) || double.IsNaN(raw) || raw <= 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{value / raw:N2}");

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i is 0 or 5 or 6 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
}
