using CsvHelper;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>A CSV download read back as a spreadsheet or script would read it, with CsvHelper: its header, then each record.</summary>
internal static class CsvFile
{
    /// <summary>Reads <paramref name="csv"/> from its start, handing each record to <paramref name="each"/>; returns the header.</summary>
    public static IReadOnlyList<string> Read(Stream csv, Action<string[]> each)
    {
        csv.Position = 0;
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default, leaveOpen: true);
        var header = reader.Headers.ToList();
        foreach (var row in reader)
        {
            each(row.ToArray());
        }

        return header;
    }

    /// <summary>Every record of <paramref name="csv"/>, after its header.</summary>
    public static (IReadOnlyList<string> Header, List<string[]> Rows) ReadAll(Stream csv)
    {
        var rows = new List<string[]>();
        var header = Read(csv, rows.Add);
        return (header, rows);
    }
}
