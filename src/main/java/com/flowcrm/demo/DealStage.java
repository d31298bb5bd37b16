package com.flowcrm.demo;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;
import java.util.Optional;

/** The six pipeline stages by wire name, with the probability the server assigns on entering each. */
public enum DealStage {
    @SerializedName("prospect") PROSPECT("prospect", 10),
    @SerializedName("qualified") QUALIFIED("qualified", 25),
    @SerializedName("proposal") PROPOSAL("proposal", 50),
    @SerializedName("negotiation") NEGOTIATION("negotiation", 75),
    @SerializedName("closed-won") CLOSED_WON("closed-won", 100),
    @SerializedName("closed-lost") CLOSED_LOST("closed-lost", 0);

    private final String wireName;
    private final int probability;

    DealStage(String wireName, int probability) {
        this.wireName = wireName;
        this.probability = probability;
    }

    public String wireName() {
        return wireName;
    }

    /** The probability a deal gets when it enters this stage. */
    public int probability() {
        return probability;
    }

    public boolean isOpen() {
        return this != CLOSED_WON && this != CLOSED_LOST;
    }

    /** Accepts the wire name and the snake_case spelling some backends send (closed_won). */
    public static Optional<DealStage> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DealStage stage : values()) {
            if (stage.wireName.equals(normalized)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
