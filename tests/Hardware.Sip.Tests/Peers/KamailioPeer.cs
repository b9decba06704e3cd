using System.Globalization;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// kamailio (Debian package <c>kamailio</c>) as registrar and authenticating proxy on 127.0.0.1: 401 on
/// REGISTER, 407 on INVITE, user panic1 / s3cret, adapted from the verified reference config
/// (shared/reference/sip-peers/kamailio). Requests for unregistered users go to a fixed callee port.
/// </summary>
internal sealed class KamailioPeer : IAsyncDisposable
{
    public const string User = "panic1";
    public const string Password = "s3cret";

    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;

    private KamailioPeer(TempDirectory directory, PeerProcess process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public PeerProcess Process => _process;

    /// <param name="algorithm">"MD5" or "SHA-256" (RFC 8760; kamailio 5.6 auth module).</param>
    /// <param name="calleePort">Where INVITEs for unregistered users are relayed (a sipp or baresip UAS).</param>
    public static async Task<KamailioPeer> StartAsync(string algorithm, int calleePort)
    {
        var directory = new TempDirectory();
        var port = FreePorts.Next();
        var config = Config(port, calleePort, algorithm, ModulesPath());
        var file = directory.File("kamailio.cfg");
        await File.WriteAllTextAsync(file, config);
        PeerProcess? process = null;
        try
        {
            // -DD: stay in the foreground (children still forked); -E: log to stderr.
            process = PeerProcess.Start("kamailio", "kamailio",
                ["-f", file, "-P", directory.File("kamailio.pid"), "-E", "-DD", "-Y", directory.Path, "-w", directory.Path],
                directory.Path);
            await UdpProbe.WaitForSipAsync(port, TimeSpan.FromSeconds(15), process);
            return new KamailioPeer(directory, process, port);
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
            directory.Dispose();
            throw;
        }
    }

    private static string ModulesPath()
    {
        // Debian puts modules under the multiarch directory (/usr/lib/x86_64-linux-gnu/kamailio/modules).
        var roots = new[] { "/usr/lib", "/usr/lib64" }.Where(Directory.Exists).ToArray();
        var candidates = roots.SelectMany(r => Directory.GetDirectories(r).Append(r))
            .Select(d => Path.Combine(d, "kamailio", "modules"))
            .Where(d => File.Exists(Path.Combine(d, "tm.so")));
        return candidates.FirstOrDefault() ?? "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
    }

    private static string Config(int port, int calleePort, string algorithm, string modules) =>
        $$"""
        #!KAMAILIO
        debug=2
        log_stderror=yes
        fork=yes
        children=1
        tcp_children=1
        listen=udp:127.0.0.1:{{port}}
        listen=tcp:127.0.0.1:{{port}}
        mpath="{{modules}}"

        loadmodule "tm.so"
        loadmodule "sl.so"
        loadmodule "rr.so"
        loadmodule "pv.so"
        loadmodule "maxfwd.so"
        loadmodule "usrloc.so"
        loadmodule "registrar.so"
        loadmodule "textops.so"
        loadmodule "siputils.so"
        loadmodule "xlog.so"
        loadmodule "sanity.so"
        loadmodule "auth.so"

        modparam("usrloc", "db_mode", 0)
        modparam("registrar", "min_expires", 1)
        modparam("auth", "nonce_expire", 300)
        modparam("auth", "algorithm", "{{algorithm}}")

        request_route {
            if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
            if (!sanity_check()) { xlog("L_WARN", "sanity check failed for $rm from $si:$sp\n"); exit; }

            # readiness probe of the tests
            if (is_method("OPTIONS") && $fU == "probe") { sl_send_reply("200", "Ready"); exit; }

            if (has_totag()) {
                if (loose_route()) { xlog("L_INFO", "in-dialog $rm routed via $pr\n"); t_relay(); exit; }
                if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
                sl_send_reply("404", "Not here"); exit;
            }
            if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }

            if ($au == "{{User}}") { $var(pw) = "{{Password}}"; } else { $var(pw) = "x-no-such-user"; }

            if (is_method("REGISTER")) {
                if (!pv_www_authenticate("$td", "$var(pw)", "0")) {
                    xlog("L_INFO", "REGISTER challenge for $fU via $pr\n");
                    www_challenge("$td", "1");
                    exit;
                }
                consume_credentials();
                xlog("L_INFO", "REGISTER accepted for $fU via $pr contact $ct\n");
                if (!save("location")) { sl_reply_error(); }
                exit;
            }

            if (is_method("INVITE")) {
                if (!pv_proxy_authenticate("$fd", "$var(pw)", "0")) {
                    proxy_challenge("$fd", "1");
                    exit;
                }
                consume_credentials();
                xlog("L_INFO", "INVITE accepted for $rU via $pr\n");
            }
            record_route();
            if (!lookup("location")) {
                $du = "sip:127.0.0.1:{{calleePort.ToString(CultureInfo.InvariantCulture)}}";
            }
            t_relay();
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
