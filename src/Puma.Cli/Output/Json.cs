using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Cli.Output;

/// <summary>The JSON shape of every <c>--json</c> output: snake_case names, absent fields omitted, indented.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static void Write<T>(TextWriter output, IReadOnlyList<T> items) => output.WriteLine(JsonSerializer.Serialize(items, Options));
}
