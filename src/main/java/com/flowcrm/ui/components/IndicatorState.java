package com.flowcrm.ui.components;

/**
 * What the connection indicator shows at one moment: the presenter's verdict on a {@code ConnectionReport} at an
 * instant, which the skin renders.
 *
 * @param tone          the colour family of the dot and the words
 * @param text          the words beside the dot, e.g. "Reconnecting in 4 s (attempt 3 of 5)"
 * @param retryOffered  whether a "Retry now" button belongs beside the words
 * @param resyncFlash   whether "Updated after reconnect" is shown right now
 * @param details       the tooltip: server, last message, queue, event counters, last resync, how a reconnect
 *                      catches up (resume from the change log, or a full reload)
 */
public record IndicatorState(Tone tone, String text, boolean retryOffered, boolean resyncFlash, String details) {
    /** Colour family: green when live, neutral while connecting, amber while retrying, red when down. */
    public enum Tone { LIVE, CONNECTING, RETRYING, DOWN, IDLE }
}
