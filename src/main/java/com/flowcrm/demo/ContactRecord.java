package com.flowcrm.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Server-side contact; its fields are exactly the spec's Contact JSON shape. */
final class ContactRecord {
    String id;
    String name;
    String email;
    String phone;
    String company;
    String title;
    String avatar;
    String relationshipHealth;
    int healthScore;
    Instant lastContact;
    Instant nextFollowUp;
    String sentiment;
    int churnRisk;
    int totalDeals;
    double totalValue;
    List<String> tags = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Communication> communicationHistory = new ArrayList<>();
    List<Insight> aiInsights = new ArrayList<>();
    /** +1 per change (every logged event about the contact); clients send it back in If-Match. */
    long version = 1;

    /** The spec's rule, shared with the client: above 70 high, above 40 medium, otherwise low. */
    static String healthFor(int score) {
        if (score > 70) {
            return "high";
        }
        return score > 40 ? "medium" : "low";
    }

    /** A CommunicationEvent of the spec. */
    static final class Communication {
        String id;
        String type;
        Instant date;
        String subject;
        String summary;
        String sentiment;
        String aiAnalysis;
    }

    /** An AIInsight of the spec. */
    static final class Insight {
        String id;
        String type;
        String title;
        String description;
        int confidence;
        boolean actionable;
        String suggestedAction;
        Instant date;
    }
}
