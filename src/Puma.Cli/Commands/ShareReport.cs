using Puma.Cli.Output;
using Puma.Models.Bundles;

namespace Puma.Cli.Commands;

/// <summary>What <c>puma share</c> wrote: the model, its tensors and each folder's size on disk.</summary>
internal sealed record ShareReport(string Folder, string Family, string BundleId, int Tensors, long Parameters, long[] PartyBytes, double Seconds)
{
    public static ShareReport Of(string folder, BundleManifest manifest, TimeSpan elapsed)
    {
        long FolderBytes(int party) => Directory.GetFiles(Path.Combine(folder, BundleLayout.PartyFolder(party))).Sum(path => new FileInfo(path).Length);
        return new ShareReport(folder, manifest.Family, manifest.BundleId, manifest.Tensors.Count, manifest.Tensors.Sum(tensor => (long)tensor.Length),
            [FolderBytes(0), FolderBytes(1), FolderBytes(2)], elapsed.TotalSeconds);
    }

    public void Write(TextWriter output)
    {
        output.WriteLine($"{Family} model shared into {Folder} (bundle {BundleId}): {Tensors} tensors, {Parameters:N0} parameters, {Seconds:F1} s");
        for (var party = 0; party < PartyBytes.Length; party++)
            output.WriteLine($"    {BundleLayout.PartyFolder(party)}/  {Units.Si(PartyBytes[party])}B");
        output.WriteLine($"    {BundleLayout.ClientFolder}/  tokenizer and public config");
    }
}
