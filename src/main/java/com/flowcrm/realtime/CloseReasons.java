package com.flowcrm.realtime;

import com.flowcrm.common.UrlRedaction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.framing.CloseFrame;

/** What a close code and reason mean to the client: a refused token, or a reason to show and log. */
final class CloseReasons {
    /** Close codes a server uses to refuse a token after the handshake. */
    static final int UNAUTHORIZED = 4001;
    static final int FORBIDDEN = 4003;

    // Java-WebSocket 1.6.0 reports a refused handshake as close 1002 with this text (Draft.translateHandshake).
    private static final Pattern REFUSED_HANDSHAKE = Pattern.compile("Invalid status code received: (\\d{3})");

    private CloseReasons() {
    }

    /** 4001 / 4003 after the handshake, or a handshake answered with HTTP 401 / 403. */
    static boolean isAuthRefusal(int code, String reason) {
        if (code == UNAUTHORIZED || code == FORBIDDEN) {
            return true;
        }
        if (code != CloseFrame.PROTOCOL_ERROR || reason == null) {
            return false;
        }
        Matcher matcher = REFUSED_HANDSHAKE.matcher(reason);
        return matcher.find() && (matcher.group(1).equals("401") || matcher.group(1).equals("403"));
    }

    /** "closed by server with code 1006: reason", with any token in the reason redacted. */
    static String describe(int code, String reason, boolean remote) {
        String who = remote ? "server" : "client";
        String text = reason == null || reason.isBlank() ? "" : ": " + reason;
        return UrlRedaction.redact("closed by " + who + " with code " + code + text);
    }
}
