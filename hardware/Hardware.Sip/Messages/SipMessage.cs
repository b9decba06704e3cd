using System.Globalization;
using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>Common part of requests and responses: headers and body, with typed accessors for the headers every message has.</summary>
internal abstract class SipMessage
{
    /// <summary>Creates a message with the given headers and body.</summary>
    protected SipMessage(SipHeaders headers, byte[] body)
    {
        Headers = headers;
        Body = body;
    }

    /// <summary>Header fields.</summary>
    public SipHeaders Headers { get; }

    /// <summary>The body bytes (empty when none).</summary>
    public byte[] Body { get; set; }

    /// <summary>The Call-ID.</summary>
    public string CallId => Headers.Get("Call-ID") ?? throw new FormatException("Missing Call-ID.");

    /// <summary>The parsed CSeq.</summary>
    public CSeqHeader CSeq => CSeqHeader.Parse(Headers.Get("CSeq") ?? throw new FormatException("Missing CSeq."));

    /// <summary>The parsed From header.</summary>
    public NameAddress From => NameAddress.Parse(Headers.Get("From") ?? throw new FormatException("Missing From."));

    /// <summary>The parsed To header.</summary>
    public NameAddress To => NameAddress.Parse(Headers.Get("To") ?? throw new FormatException("Missing To."));

    /// <summary>Every Via value, top first, across comma-joined values and repeated fields.</summary>
    public IReadOnlyList<ViaHeader> Vias => Headers.GetAll("Via").Select(ViaHeader.Parse).ToArray();

    /// <summary>The top Via.</summary>
    public ViaHeader TopVia => Vias.Count > 0 ? Vias[0] : throw new FormatException("Missing Via.");

    /// <summary>The first Contact, or null.</summary>
    public NameAddress? Contact
    {
        get
        {
            var values = Headers.GetAll("Contact");
            return values.Count > 0 && values[0] != "*" ? NameAddress.Parse(values[0]) : null;
        }
    }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>True when the body is SDP.</summary>
    public bool HasSdp => Body.Length > 0 &&
        (Headers.Get("Content-Type")?.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The start line, without CRLF.</summary>
    protected abstract string StartLine { get; }

    /// <summary>Serialises the message with an exact Content-Length (§20.14) and CRLF line ends.</summary>
    public byte[] ToBytes()
    {
        var sb = new StringBuilder(512);
        sb.Append(StartLine).Append("\r\n");
        foreach (var (name, value) in Headers.Fields)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
        sb.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(sb.ToString());
        var bytes = new byte[head.Length + Body.Length];
        head.CopyTo(bytes, 0);
        Body.CopyTo(bytes, head.Length);
        return bytes;
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
