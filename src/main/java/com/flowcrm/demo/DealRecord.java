package com.flowcrm.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Server-side deal; its non-transient fields are exactly the spec's Deal JSON shape. */
final class DealRecord {
    String id;
    String title;
    String contactId;
    String contactName;
    String company;
    double value;
    DealStage stage;
    int probability;
    String confidence;
    Instant expectedCloseDate;
    Instant createdDate;
    Instant lastActivity;
    String description;
    List<String> tags = new ArrayList<>();
    List<Activity> activities = new ArrayList<>();
    List<Insight> aiInsights = new ArrayList<>();
    String competitorMentioned;
    List<String> riskFactors = new ArrayList<>();
    List<String> positiveSignals = new ArrayList<>();
    String priority;
    /** +1 per change (every logged event about the deal); clients send it back in If-Match. */
    long version = 1;
    /** Kept off the wire: only the stage statistics need it. */
    transient Instant stageEnteredAt;

    /** A DealActivity of the spec. */
    static final class Activity {
        String id;
        String type;
        Instant date;
        String description;
        String outcome;
        String nextStep;
    }

    /** A DealInsight of the spec. */
    static final class Insight {
        String id;
        String type;
        String title;
        String description;
        String impact;
        boolean actionable;
        String suggestedAction;
        int confidence;
        Instant date;
    }
}
