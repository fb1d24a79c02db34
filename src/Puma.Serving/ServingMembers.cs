using Puma.Protocols.Runtime;

namespace Puma.Serving;

/// <summary>Member ids on serving links: parties 0, 1, 2 and the client.</summary>
internal static class ServingMembers
{
    public const int Client = OutsideParty.Id;
}
