using System.Globalization;

namespace Dashboard.Benchmarks.Pages;

/// <summary>How many samples the orders-page benchmark takes; <c>--quick</c> takes fewer, for a first look.</summary>
internal sealed record PageBenchmarkOptions
{
    public const string Usage = """
        dotnet run -c Release --project tests/Dashboard.Benchmarks -- pages [--quick] [--no-publish] [--only PHASE]
            [--opens N] [--clicks N] [--searches N] [--circuits N] [--starts N] [--reads N]

          Publishes the dashboard and the emulator (Release) to artifacts/benchmarks/, starts the emulator standalone with
          a 1,000-order and a 10,000-order customer, points the dashboard at it and measures the orders page in Chromium
          against the raw Partner Center read of the same customer.
          The full run takes 15 to 20 minutes on a busy 2-core machine.
          --quick       fewer samples (opens 3, clicks 8, searches 4, circuits 5, starts 2, reads 3): about 8 minutes
          --no-publish  reuse the publish output of an earlier run
          --only PHASE  one phase, its figures printed without the table: pages, memory or start
          --opens N     page opens per kind and customer (6)        --clicks N    sorts, filters and next pages each (24)
          --searches N  searches per customer (10)                  --circuits N  circuits per memory figure (50)
          --starts N    cold starts, fresh and warm data each (5)   --reads N     raw reads per customer (7)
        """;

    public int Opens { get; init; } = 6;

    public int Clicks { get; init; } = 24;

    public int Searches { get; init; } = 10;

    public int Circuits { get; init; } = 50;

    public int Starts { get; init; } = 5;

    public int RawReads { get; init; } = 7;

    public bool Publish { get; init; } = true;

    public bool Quick { get; init; }

    /// <summary>The one phase to run (<c>pages</c>, <c>memory</c> or <c>start</c>), or null for all of them and the table.</summary>
    public string? Only { get; init; }

    public bool Runs(string phase) => Only is null || Only == phase;

    /// <summary>The options of the command line, or null (after printing why) when it cannot be read.</summary>
    public static PageBenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new PageBenchmarkOptions { Opens = 3, Clicks = 8, Searches = 4, Circuits = 5, Starts = 2, RawReads = 3, Quick = true }
            : new PageBenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--no-publish":
                    options = options with { Publish = false };
                    break;
                case "--only" when i + 1 < args.Count && args[i + 1] is "pages" or "memory" or "start":
                    options = options with { Only = args[i + 1] };
                    i++;
                    break;
                case "--opens" or "--clicks" or "--searches" or "--circuits" or "--starts" or "--reads"
                    when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = args[i] switch
                    {
                        "--opens" => options with { Opens = n },
                        "--clicks" => options with { Clicks = n },
                        "--searches" => options with { Searches = n },
                        "--circuits" => options with { Circuits = n },
                        "--starts" => options with { Starts = n },
                        _ => options with { RawReads = n },
                    };
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return options;
    }

    public override string ToString() =>
        $"opens {Opens}, clicks {Clicks}, searches {Searches}, circuits {Circuits}, starts {Starts}, raw reads {RawReads}{(Quick ? " (quick)" : "")}{(Only is null ? "" : $", only {Only}")}";
}
