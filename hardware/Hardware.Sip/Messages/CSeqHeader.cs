using System.Globalization;

namespace Hardware.Sip.Messages;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number and the request method.</summary>
internal readonly record struct CSeqHeader(uint Number, string Method)
{
    /// <summary>Parses <c>314159 INVITE</c>.</summary>
    public static CSeqHeader Parse(string text)
    {
        var parts = text.Trim().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new FormatException($"Bad CSeq: '{text}'.");
        }
        return new CSeqHeader(n, parts[1].Trim().ToUpperInvariant());
    }

    /// <inheritdoc />
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
