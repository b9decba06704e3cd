namespace Edge.Contracts.Messages;

public static class ContractVersion
{
    /// <summary>Payload version carried in every message as <c>v</c>; it matches the topic's <c>v1</c>.</summary>
    public const int Current = 1;
}
