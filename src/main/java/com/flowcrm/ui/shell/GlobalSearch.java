package com.flowcrm.ui.shell;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Finds deals and contacts whose words contain every word typed (any order, any case); best matches first.
 * Runs on the FX thread over the stores' in-memory lists, which is fast for the few thousand items a rep has.
 */
public final class GlobalSearch {
    private final Supplier<List<Deal>> deals;
    private final Supplier<List<Contact>> contacts;

    public GlobalSearch(Supplier<List<Deal>> deals, Supplier<List<Contact>> contacts) {
        this.deals = Objects.requireNonNull(deals, "deals");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
    }

    /** Up to {@code limit} hits per kind, deals first; empty for blank text. */
    public List<SearchHit> search(String text, int limit) {
        String[] terms = terms(text);
        if (terms.length == 0) {
            return List.of();
        }
        List<Ranked> dealHits = new ArrayList<>();
        for (Deal deal : deals.get()) {
            int rank = rank(terms, deal.getTitle(), deal.getCompany(), deal.getContactName());
            if (rank >= 0) {
                dealHits.add(new Ranked(rank, new SearchHit(SearchHit.Kind.DEAL, deal.getId(), deal.getTitle(),
                        join(deal.getCompany(), money(deal.getValue()), deal.getStage().label()))));
            }
        }
        List<Ranked> contactHits = new ArrayList<>();
        for (Contact contact : contacts.get()) {
            int rank = rank(terms, contact.getName(), contact.getCompany(), contact.getEmail(), contact.getTitle());
            if (rank >= 0) {
                contactHits.add(new Ranked(rank, new SearchHit(SearchHit.Kind.CONTACT, contact.getId(), contact.getName(),
                        join(contact.getTitle(), contact.getCompany()))));
            }
        }
        List<SearchHit> result = new ArrayList<>();
        best(dealHits, limit, result);
        best(contactHits, limit, result);
        return result;
    }

    private record Ranked(int rank, SearchHit hit) {}

    private static void best(List<Ranked> hits, int limit, List<SearchHit> into) {
        hits.sort(Comparator.comparingInt(Ranked::rank).thenComparing(r -> r.hit().title(), String.CASE_INSENSITIVE_ORDER));
        hits.stream().limit(limit).forEach(r -> into.add(r.hit()));
    }

    /** -1 when a term is missing; else 0 when the main name starts with the first term, 1 when it contains it, 2 otherwise. */
    static int rank(String[] terms, String name, String... others) {
        String main = lower(name);
        StringBuilder all = new StringBuilder(main);
        for (String other : others) {
            all.append(' ').append(lower(other));
        }
        String haystack = all.toString();
        for (String term : terms) {
            if (!haystack.contains(term)) {
                return -1;
            }
        }
        if (main.startsWith(terms[0])) {
            return 0;
        }
        return main.contains(terms[0]) ? 1 : 2;
    }

    static String[] terms(String text) {
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        return text.strip().toLowerCase(Locale.ROOT).split("\\s+");
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static String money(double value) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(0);
        return format.format(value);
    }

    private static String join(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append("  \u00b7  ");
                }
                text.append(part);
            }
        }
        return text.toString();
    }
}
