namespace Relay.Core.Storage;

/// <summary><c>Relay:Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Relay:Store";

    /// <summary>The LiteDB file; a relative path is taken from the working directory. Its write-ahead log sits
    /// beside it as <c>{name}-log{ext}</c>.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "relay.db");

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
