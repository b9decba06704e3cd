namespace Hardware.Sip.Tests.Simulator;

/// <summary>
/// SIPp caller scenarios run against the virtual phone. The call with media is the reference <c>uac_media.xml</c>
/// (shared/reference/sip-peers/sipp) with the media port taken from <c>-mp</c> instead of a fixed 7078, checks of the
/// SDP answer, and an RTP stream to the answer's address; the cancelled call is the reference <c>uac_cancel.xml</c>.
/// </summary>
internal static class SippScenarios
{
    private const string Invite = """
              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: {cseq} INVITE
              Contact: sip:sipp@[local_ip]:[local_port]
              Max-Forwards: 70
              {auth}Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=- 1 1 IN IP4 [media_ip]
              s=-
              c=IN IP4 [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 0 8 101
              a=rtpmap:0 PCMU/8000
              a=rtpmap:8 PCMA/8000
              a=rtpmap:101 telephone-event/8000
              a=fmtp:101 0-16
              a=ptime:20
              a=sendrecv
        """;

    private const string AnswerChecked = """
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="200" rtd="true">
            <action>
              <ereg regexp="m=audio [0-9]+ RTP/AVP 0 101" search_in="body" check_it="true" assign_to="media"/>
              <ereg regexp="a=rtpmap:101 telephone-event/8000" search_in="body" check_it="true" assign_to="events"/>
              <log message="answer: [$media], [$events]"/>
            </action>
          </recv>
          <send>
            <![CDATA[
              ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: {cseq} ACK
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
          <nop>
            <action>
              <exec rtp_stream="{dir}/tone.ulaw,1,0"/>
            </action>
          </nop>
          <pause milliseconds="1000"/>
          <send retrans="500">
            <![CDATA[
              BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: {byecseq} BYE
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
          <recv response="200" crlf="true"/>
        </scenario>
        """;

    /// <summary>INVITE (PCMU, PCMA, telephone-event 101 on -mp), 200 whose SDP answer must be PCMU + telephone-event 101, ACK, 1 s of µ-law RTP (tone.ulaw), BYE.</summary>
    public static string CallWithMedia { get; } = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="UAC offering PCMU/PCMA/telephone-event, streaming audio, hanging up">
          <send retrans="500">
            <![CDATA[
        """ + "\n" + Invite.Replace("{cseq}", "1", StringComparison.Ordinal).Replace("{auth}", string.Empty, StringComparison.Ordinal) + """

            ]]>
          </send>
        """ + "\n" + AnswerChecked.Replace("{cseq}", "1", StringComparison.Ordinal).Replace("{byecseq}", "2", StringComparison.Ordinal);

    /// <summary>
    /// As <see cref="CallWithMedia"/>, but the first INVITE is challenged: 401 (ACKed with the INVITE's branch), then the
    /// INVITE again with SIPp's own digest (<c>[authentication]</c>, user panic1, password s3cret).
    /// </summary>
    public static string AuthenticatedCall { get; } = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="UAC answering a 401 challenge with digest, then a call with media">
          <send retrans="500">
            <![CDATA[
        """ + "\n" + Invite.Replace("{cseq}", "1", StringComparison.Ordinal).Replace("{auth}", string.Empty, StringComparison.Ordinal) + """

            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="401" auth="true"/>
          <send>
            <![CDATA[
              ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
          <send retrans="500">
            <![CDATA[
        """ + "\n" + Invite.Replace("{cseq}", "2", StringComparison.Ordinal)
            .Replace("{auth}", "[authentication username=panic1 password=s3cret]\n      ", StringComparison.Ordinal) + """

            ]]>
          </send>
        """ + "\n" + AnswerChecked.Replace("{cseq}", "2", StringComparison.Ordinal).Replace("{byecseq}", "3", StringComparison.Ordinal);

    /// <summary>The reference uac_cancel.xml: INVITE without SDP, 180, CANCEL (same branch), 200, 487, ACK.</summary>
    public static string CancelledCall { get; } = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="UAC gives up after ringing: CANCEL, then ACK the 487">
          <send retrans="500">
            <![CDATA[
              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: sip:sipp@[local_ip]:[local_port]
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="180"/>
          <pause milliseconds="500"/>
          <send>
            <![CDATA[
              CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 CANCEL
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
          <recv response="200"/>
          <recv response="487"/>
          <send>
            <![CDATA[
              ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
              To: sut <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0
            ]]>
          </send>
        </scenario>
        """;
}
