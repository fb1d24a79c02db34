using System.Runtime.CompilerServices;

namespace Puma.Serving.Tests;

/// <summary>Links waiting for their request's worker: taken ones are let go at once, forgotten ones closed.</summary>
public sealed class RendezvousTests
{
    [Fact]
    public async Task ATakenLinkIsNotHeldUntilTheTimeout()
    {
        var rendezvous = new Rendezvous<object>(TimeSpan.FromHours(1), _ => { });
        var link = OfferAndTake(rendezvous);
        // The take ends the expiry's delay, whose continuation may still be queued on the thread pool: poll.
        for (var attempt = 0; attempt < 1_000 && IsReachable(link); attempt++) await Task.Delay(10);
        Assert.False(IsReachable(link), "the expiry of a link that was taken still holds it");
    }

    [Fact]
    public async Task ALinkNobodyTakesIsDiscardedAfterTheTimeout()
    {
        var discarded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rendezvous = new Rendezvous<string>(TimeSpan.FromMilliseconds(20), link => discarded.TrySetResult(link));
        rendezvous.Offer("request", "link");
        Assert.Equal("link", await discarded.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static bool IsReachable(WeakReference link)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return link.IsAlive;
    }

    /// <summary>Offers a link and takes it; only a weak reference to it leaves this frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference OfferAndTake(Rendezvous<object> rendezvous)
    {
        var link = new object();
        rendezvous.Offer("request", link);
        var taken = rendezvous.TakeAsync("request", "the link", CancellationToken.None);
        Assert.True(taken.IsCompletedSuccessfully);
        Assert.Same(link, taken.Result);
        return new WeakReference(link);
    }
}
