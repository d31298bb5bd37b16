package com.flowcrm.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Builds the same realistic demo data set for the same seed (dates are relative to the clock's day). */
final class DemoDataGenerator {
    static final int MAX_RECORDS = 100_000;
    static final String DEMO_EMAIL = "demo@flow-crm.local";
    static final String MANAGER_EMAIL = "manager@flow-crm.local";
    static final String DEMO_PASSWORD = "demo";

    static final String[] FIRST_NAMES = {"Ava", "Liam", "Sofia", "Noah", "Maya", "Ethan", "Chloe", "Lucas", "Priya",
        "Mateo", "Hannah", "Omar", "Elena", "Jonas", "Aisha", "Daniel", "Grace", "Kenji", "Laura", "Victor",
        "Nora", "Samuel", "Isabel", "Felix", "Zara", "Henrik", "Camila", "Arjun", "Julia", "Marcus"};
    static final String[] LAST_NAMES = {"Anderson", "Brooks", "Carter", "Delgado", "Eriksen", "Fischer", "Garcia",
        "Hughes", "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quinn",
        "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmerman", "Bennett",
        "Castillo", "Dubois", "Foster"};
    static final String[] COMPANY_STEMS = {"Acme", "Northwind", "Bluefin", "Cedar", "Summit", "Brightline",
        "Ironclad", "Lumen", "Evergreen", "Harbor", "Quantum", "Redwood", "Silverline", "Nimbus", "Atlas", "Vertex",
        "Keystone", "Pioneer", "Orbit", "Granite", "Helix", "Meridian", "Crescent", "Polaris"};
    static final String[] COMPANY_SUFFIXES = {"Logistics", "Health", "Analytics", "Foods", "Robotics", "Energy",
        "Financial", "Media", "Systems", "Retail", "Labs", "Manufacturing", "Software", "Travel", "Biotech"};
    static final String[] TITLES = {"VP of Sales", "Head of Operations", "CTO", "Procurement Manager", "CFO",
        "IT Director", "Chief Revenue Officer", "Operations Lead", "Head of Customer Success", "CEO",
        "Director of Engineering", "Purchasing Lead"};
    static final String[] PRODUCTS = {"CRM Enterprise", "Analytics Suite", "Sales Automation", "Support Desk",
        "Data Platform", "Forecasting Add-on", "Mobile Field Sales", "Partner Portal"};
    static final String[] DEAL_PATTERNS = {"%s rollout", "%s annual license", "%s pilot", "%s expansion",
        "%s renewal", "%s migration", "%s upgrade"};
    static final String[] RISK_FACTORS = {"Budget freeze announced", "Champion left the company",
        "Competitor offered a steep discount", "Legal review is slow", "No reply in two weeks",
        "Decision moved to next quarter", "Security questionnaire pending", "Economic buyer not engaged"};
    static final String[] POSITIVE_SIGNALS = {"Executive sponsor engaged", "Budget approved",
        "Technical evaluation passed", "Asked for contract draft", "Reference call went well",
        "Expanded user count", "Procurement contacted us", "Strong pilot usage"};
    static final String[] COMPETITORS = {"Salesforce", "HubSpot", "Pipedrive", "Zoho CRM", "Microsoft Dynamics",
        "Freshsales"};
    static final String[] TAGS = {"enterprise", "mid-market", "smb", "renewal", "upsell", "inbound", "outbound",
        "partner", "strategic", "q-end"};
    static final String[] ACTIVITY_TYPES = {"call", "email", "meeting", "proposal", "demo", "note"};
    static final String[] COMMUNICATION_TYPES = {"email", "call", "meeting", "note"};
    static final String[] SENTIMENTS = {"positive", "neutral", "negative"};
    static final String[] LEVELS = {"high", "medium", "low"};
    static final String[] DEAL_INSIGHT_TYPES = {"opportunity", "risk", "suggestion", "competitor"};
    static final String[] CONTACT_INSIGHT_TYPES = {"opportunity", "risk", "suggestion", "trend"};
    static final String[] NOTIFICATION_TYPES = {"deal_update", "message_received", "meeting_reminder",
        "ai_insight", "task_due", "at_risk_alert"};

    private final Random random;
    private final Instant now;
    private final DemoState.Store store = new DemoState.Store();

    private DemoDataGenerator(long seed, Clock clock) {
        this.random = new Random(seed);
        // day precision keeps generated dates stable within a day, whatever the start time
        this.now = clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    /** A store with the two demo users, {@code contacts} contacts, {@code deals} deals and per-user notifications. */
    static DemoState.Store generate(int deals, int contacts, long seed, Clock clock) {
        if (deals < 0 || deals > MAX_RECORDS || contacts < 0 || contacts > MAX_RECORDS) {
            throw new IllegalArgumentException("deals and contacts must be between 0 and " + MAX_RECORDS);
        }
        DemoDataGenerator generator = new DemoDataGenerator(seed, clock);
        generator.users();
        List<ContactRecord> contactList = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            ContactRecord contact = generator.contact(i);
            contactList.add(contact);
            generator.store.contacts.put(contact.id, contact);
        }
        for (int i = 0; i < deals; i++) {
            DealRecord deal = generator.deal(i, contactList);
            generator.store.deals.put(deal.id, deal);
        }
        generator.contactTotals();
        for (String userId : generator.store.users.keySet()) {
            generator.notifications(userId, contactList);
        }
        return generator.store;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private List<String> pickSome(String[] values, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        List<String> pool = new ArrayList<>(List.of(values));
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    private Instant daysAgo(int minDays, int maxDays) {
        long minutes = (minDays * 24L * 60) + random.nextInt((maxDays - minDays + 1) * 24 * 60);
        return now.minus(Duration.ofMinutes(minutes));
    }

    private void users() {
        store.users.put("user-1", user("user-1", DEMO_EMAIL, "Dana Demo", "sales", "light", "Europe/Berlin"));
        store.users.put("user-2", user("user-2", MANAGER_EMAIL, "Morgan Manager", "manager", "dark", "America/New_York"));
    }

    private UserRecord user(String id, String email, String name, String role, String theme, String timezone) {
        UserRecord user = new UserRecord();
        user.id = id;
        user.email = email;
        user.name = name;
        user.role = role;
        user.password = DEMO_PASSWORD;
        user.preferences = new UserRecord.Preferences(theme, true, timezone);
        user.createdAt = now.minus(Duration.ofDays(400));
        user.lastLogin = now.minus(Duration.ofDays(1));
        return user;
    }

    private ContactRecord contact(int index) {
        ContactRecord contact = new ContactRecord();
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        String company = pick(COMPANY_STEMS) + " " + pick(COMPANY_SUFFIXES);
        contact.id = store.newId("contact");
        contact.name = first + " " + last;
        contact.email = (first + "." + last).toLowerCase(Locale.ROOT) + index + "@"
                + company.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
        contact.phone = String.format(Locale.ROOT, "+1 555-%04d", random.nextInt(10_000));
        contact.company = company;
        contact.title = pick(TITLES);
        // spread scores evenly over 0-100 so every health level and the at-risk filter have members
        contact.healthScore = Math.floorMod(index * 37 + random.nextInt(7), 101);
        contact.relationshipHealth = ContactRecord.healthFor(contact.healthScore);
        contact.sentiment = contact.healthScore > 70 ? "positive" : contact.healthScore > 40 ? "neutral" : "negative";
        contact.churnRisk = Math.max(0, Math.min(100, 100 - contact.healthScore + random.nextInt(21) - 10));
        contact.tags = pickSome(TAGS, 1, 3);
        int notes = random.nextInt(3);
        for (int i = 0; i < notes; i++) {
            contact.notes.add(pick(new String[] {"Prefers calls in the morning", "Reports to the CFO",
                "Interested in the analytics add-on", "Renewal due next quarter", "Met at SaaStr"}));
        }
        int communications = 1 + random.nextInt(5);
        for (int i = 0; i < communications; i++) {
            contact.communicationHistory.add(communication());
        }
        contact.communicationHistory.sort((a, b) -> b.date.compareTo(a.date));
        contact.lastContact = contact.communicationHistory.get(0).date;
        if (random.nextInt(3) > 0) {
            contact.nextFollowUp = now.plus(Duration.ofDays(random.nextInt(30) - 7));
        }
        int insights = random.nextInt(3);
        for (int i = 0; i < insights; i++) {
            contact.aiInsights.add(contactInsight(contact));
        }
        return contact;
    }

    private ContactRecord.Communication communication() {
        ContactRecord.Communication event = new ContactRecord.Communication();
        event.id = store.newId("comm");
        event.type = pick(COMMUNICATION_TYPES);
        event.date = daysAgo(0, 60);
        event.subject = "note".equals(event.type) ? null : pick(new String[] {"Pricing follow-up",
            "Quarterly review", "Implementation plan", "Contract questions", "Product roadmap"});
        event.summary = pick(new String[] {"Discussed next steps and timeline.", "Shared pricing options.",
            "Answered security questions.", "Reviewed pilot results together.", "Agreed to a follow-up call."});
        event.sentiment = pick(SENTIMENTS);
        if (random.nextBoolean()) {
            event.aiAnalysis = "Tone was " + event.sentiment + "; " + pick(new String[] {"buying intent detected.",
                "budget concerns mentioned.", "decision timeline confirmed.", "no blockers raised."});
        }
        return event;
    }

    private ContactRecord.Insight contactInsight(ContactRecord contact) {
        ContactRecord.Insight insight = new ContactRecord.Insight();
        insight.id = store.newId("insight");
        insight.type = pick(CONTACT_INSIGHT_TYPES);
        insight.title = switch (insight.type) {
            case "opportunity" -> "Upsell potential at " + contact.company;
            case "risk" -> "Engagement is dropping";
            case "suggestion" -> "Schedule a check-in";
            default -> "Response times are improving";
        };
        insight.description = "Based on the last " + contact.communicationHistory.size() + " interactions.";
        insight.confidence = 50 + random.nextInt(50);
        insight.actionable = !"trend".equals(insight.type);
        insight.suggestedAction = insight.actionable ? "Reach out to " + contact.name : null;
        insight.date = daysAgo(0, 14);
        return insight;
    }

    private DealRecord deal(int index, List<ContactRecord> contacts) {
        DealRecord deal = new DealRecord();
        deal.id = store.newId("deal");
        String product = pick(PRODUCTS);
        deal.title = String.format(Locale.ROOT, pick(DEAL_PATTERNS), product);
        if (contacts.isEmpty()) {
            deal.company = pick(COMPANY_STEMS) + " " + pick(COMPANY_SUFFIXES);
        } else {
            ContactRecord contact = contacts.get(random.nextInt(contacts.size()));
            deal.contactId = contact.id;
            deal.contactName = contact.name;
            deal.company = contact.company;
        }
        DealStage[] stages = DealStage.values();
        // the first six cover every stage; after that open stages are more common than closed ones
        deal.stage = index < stages.length ? stages[index]
                : random.nextInt(5) == 0 ? stages[4 + random.nextInt(2)] : stages[random.nextInt(4)];
        deal.probability = deal.stage.probability();
        deal.confidence = DemoDeals.confidenceFor(deal.probability);
        deal.value = 5_000 + 500L * random.nextInt(990);
        deal.createdDate = daysAgo(20, 240);
        long ageDays = Duration.between(deal.createdDate, now).toDays();
        deal.stageEnteredAt = deal.createdDate.plus(Duration.ofDays(random.nextInt((int) Math.max(1, ageDays))));
        deal.lastActivity = daysAgo(0, 30);
        deal.expectedCloseDate = deal.stage.isOpen() ? now.plus(Duration.ofDays(random.nextInt(150) - 10))
                : now.minus(Duration.ofDays(random.nextInt(90)));
        deal.description = product + " for " + deal.company + ", " + (5 + random.nextInt(500)) + " seats.";
        deal.tags = pickSome(TAGS, 1, 3);
        int activities = 1 + random.nextInt(5);
        for (int i = 0; i < activities; i++) {
            deal.activities.add(activity(deal));
        }
        deal.activities.sort((a, b) -> b.date.compareTo(a.date));
        if (random.nextInt(10) < 3) {
            deal.competitorMentioned = pick(COMPETITORS);
        }
        deal.riskFactors = pickSome(RISK_FACTORS, 0, 3);
        deal.positiveSignals = pickSome(POSITIVE_SIGNALS, 0, 3);
        deal.priority = deal.value >= 250_000 ? "high" : deal.value >= 80_000 ? "medium" : "low";
        int insights = random.nextInt(4);
        for (int i = 0; i < insights; i++) {
            deal.aiInsights.add(dealInsight(deal));
        }
        return deal;
    }

    private DealRecord.Activity activity(DealRecord deal) {
        DealRecord.Activity activity = new DealRecord.Activity();
        activity.id = store.newId("activity");
        activity.type = pick(ACTIVITY_TYPES);
        activity.date = daysAgo(0, 45);
        activity.description = switch (activity.type) {
            case "call" -> "Call with " + (deal.contactName == null ? deal.company : deal.contactName);
            case "email" -> "Sent follow-up email";
            case "meeting" -> "On-site meeting at " + deal.company;
            case "proposal" -> "Proposal sent";
            case "demo" -> "Product demo for the evaluation team";
            default -> "Internal note on deal strategy";
        };
        if (random.nextBoolean()) {
            activity.outcome = pick(new String[] {"Positive", "Needs more information", "Pricing concerns",
                "Moved forward", "No decision yet"});
        }
        if (random.nextBoolean()) {
            activity.nextStep = pick(new String[] {"Send revised quote", "Schedule technical deep-dive",
                "Loop in procurement", "Book executive meeting", "Share case study"});
        }
        return activity;
    }

    private DealRecord.Insight dealInsight(DealRecord deal) {
        DealRecord.Insight insight = new DealRecord.Insight();
        insight.id = store.newId("insight");
        insight.type = deal.competitorMentioned != null && random.nextBoolean() ? "competitor"
                : pick(new String[] {"opportunity", "risk", "suggestion"});
        insight.title = switch (insight.type) {
            case "competitor" -> deal.competitorMentioned + " is in the evaluation";
            case "risk" -> "Deal momentum is slowing";
            case "opportunity" -> "Room to expand the seat count";
            default -> "Involve an executive sponsor";
        };
        insight.description = "Derived from recent activity on " + deal.title + ".";
        insight.impact = pick(LEVELS);
        insight.actionable = random.nextInt(4) > 0;
        insight.suggestedAction = insight.actionable ? pick(new String[] {"Send a tailored ROI summary",
            "Offer a reference call", "Propose a phased rollout"}) : null;
        insight.confidence = 40 + random.nextInt(60);
        insight.date = daysAgo(0, 20);
        return insight;
    }

    private void contactTotals() {
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (DealRecord deal : store.deals.values()) {
            if (deal.contactId != null) {
                double[] total = totals.computeIfAbsent(deal.contactId, id -> new double[2]);
                total[0]++;
                total[1] += deal.value;
            }
        }
        totals.forEach((id, total) -> {
            ContactRecord contact = store.contacts.get(id);
            contact.totalDeals = (int) total[0];
            contact.totalValue = total[1];
        });
    }

    private void notifications(String userId, List<ContactRecord> contacts) {
        List<DealRecord> deals = new ArrayList<>(store.deals.values());
        for (int i = 0; i < 12; i++) {
            NotificationRecord notification = new NotificationRecord();
            notification.id = store.newId("notification");
            notification.userId = userId;
            notification.type = NOTIFICATION_TYPES[i % NOTIFICATION_TYPES.length];
            notification.priority = pick(LEVELS);
            notification.read = i >= 5;
            notification.createdAt = daysAgo(0, 10);
            fillNotification(notification, deals, contacts);
            store.notifications.put(notification.id, notification);
        }
    }

    private void fillNotification(NotificationRecord notification, List<DealRecord> deals, List<ContactRecord> contacts) {
        boolean aboutContact = ("message_received".equals(notification.type) || "at_risk_alert".equals(notification.type))
                && !contacts.isEmpty();
        if (aboutContact) {
            ContactRecord contact = contacts.get(random.nextInt(contacts.size()));
            notification.title = "at_risk_alert".equals(notification.type) ? "Contact at risk" : "New message";
            notification.message = "at_risk_alert".equals(notification.type)
                    ? contact.name + "'s health score dropped to " + contact.healthScore
                    : contact.name + " replied to your email";
            notification.metadata = Map.of("contactId", contact.id);
            notification.actionUrl = "/contacts/" + contact.id;
        } else if (!deals.isEmpty() && !"ai_insight".equals(notification.type)) {
            DealRecord deal = deals.get(random.nextInt(deals.size()));
            notification.title = switch (notification.type) {
                case "meeting_reminder" -> "Meeting in 30 minutes";
                case "task_due" -> "Task due today";
                default -> "Deal updated";
            };
            notification.message = deal.title + " (" + deal.company + ")";
            notification.metadata = Map.of("dealId", deal.id);
            notification.actionUrl = "/deals/" + deal.id;
        } else {
            notification.title = "Weekly pipeline insight";
            notification.message = "Deals with an executive sponsor close faster this quarter.";
            notification.expiresAt = now.plus(Duration.ofDays(7));
        }
    }
}
