package com.flowcrm.ui.shell;

/** One result of the top-bar search: a deal or a contact, with the words to show for it. */
public record SearchHit(Kind kind, String id, String title, String subtitle) {
    /** What the hit points at; decides which view reveals it. */
    public enum Kind { DEAL, CONTACT }
}
