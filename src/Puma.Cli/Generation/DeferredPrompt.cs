namespace Puma.Cli.Generation;

/// <summary>
/// The prompt echo of a streamed <c>run</c>: written once, with the first generated token or at
/// the end, so it comes after the weights are dealt and no progress bar on stderr cuts through it.
/// </summary>
internal sealed class DeferredPrompt(TextWriter output, string text, bool silent)
{
    private bool _shown = silent;

    public void Show()
    {
        if (_shown) return;
        output.Write(text);
        _shown = true;
    }
}
