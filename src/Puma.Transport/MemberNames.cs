namespace Puma.Transport;

/// <summary>How messages name a member of a run: parties 0, 1 and 2 by number, the outside member (id 3: the client or model owner) as "the client".</summary>
public static class MemberNames
{
    /// <summary>The id of the member outside the three parties.</summary>
    public const int Client = 3;

    /// <summary>"party 1", or "the client".</summary>
    public static string Of(int id) => id == Client ? "the client" : $"party {id}";

    /// <summary>As <see cref="Of"/>, capitalised to start a message: "Party 1", or "The client".</summary>
    public static string Capitalized(int id) => id == Client ? "The client" : $"Party {id}";
}
