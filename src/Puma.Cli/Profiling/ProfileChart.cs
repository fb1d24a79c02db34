using System.Globalization;
using System.Xml.Linq;
using Puma.Cli.Output;
using Puma.Protocols.Profiling;

namespace Puma.Cli.Profiling;

/// <summary>
/// A horizontal bar chart of a <see cref="RunProfile"/> as SVG: one bar per operator, slowest
/// first, its length the operator's time, labelled with its name and its time, bytes and rounds.
/// Written with System.Xml.Linq, so names are escaped and the file is well-formed XML.
/// </summary>
internal static class ProfileChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int Width = 960, LabelWidth = 260, ValueWidth = 300, BarHeight = 18, Gap = 6, Top = 48, Margin = 12;

    public static void Save(RunProfile profile, string path)
    {
        using var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        Build(profile).Save(writer);
    }

    public static XDocument Build(RunProfile profile)
    {
        var rows = ProfileRows.SortedByTime(profile);
        double longest = rows.Count == 0 ? 0 : rows.Max(r => r.Seconds);
        int barSpace = Width - LabelWidth - ValueWidth - 2 * Margin;
        int height = Top + rows.Count * (BarHeight + Gap) + Margin;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("fill", "white")),
            Text(Margin, 20, $"{profile.Command}: time per operator (slowest party)", "start", ("font-size", "15"), ("font-weight", "bold")),
            Text(Margin, 38, $"over {profile.Transport}{(profile.Network is { } n ? $", emulating {n}" : "")}; bytes sent by all parties; scopes are inclusive", "start", ("fill", "#555")));
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            int y = Top + i * (BarHeight + Gap);
            double length = longest > 0 ? Math.Max(1, row.Seconds / longest * barSpace) : 1;
            var figures = row.PerParty.Where(o => o is not null).Select(o => o!).ToArray();
            long rounds = figures.Max(o => o.Rounds);
            string values = $"{Units.Seconds(row.Seconds)} · {ProfileTable.Bytes(figures.Sum(o => o.BytesSent))} sent · {rounds} {(rounds == 1 ? "round" : "rounds")}";
            root.Add(
                Text(LabelWidth + Margin - 6, y + BarHeight - 4, row.Name, "end"),
                new XElement(Svg + "rect",
                    new XAttribute("class", "bar"),
                    new XAttribute("x", LabelWidth + Margin), new XAttribute("y", y),
                    new XAttribute("width", Number(length)), new XAttribute("height", BarHeight),
                    new XAttribute("fill", "#4878a8"),
                    new XElement(Svg + "title", $"{row.Name}: {values}")),
                Text(LabelWidth + Margin + length + 6, y + BarHeight - 4, values, "start"));
        }
        return new XDocument(root);
    }

    private static XElement Text(double x, double y, string text, string anchor, params (string Name, string Value)[] style)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("text-anchor", anchor), text);
        foreach (var (name, value) in style) element.Add(new XAttribute(name, value));
        return element;
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
