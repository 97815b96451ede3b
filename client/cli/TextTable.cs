namespace OrleansStreams.Client.Cli;

/// <summary>Rows under headers, each column as wide as its widest cell, two spaces apart.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var rows = _rows.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Length)
            .Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0))
            .ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c < widths.Length ? cell.PadRight(widths[c]) : cell);
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
