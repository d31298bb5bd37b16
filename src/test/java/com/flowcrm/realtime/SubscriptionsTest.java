package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {
    private final Subscriptions subscriptions = new Subscriptions();

    @Test
    void theChannelIsTheEventWithoutItsSubscribeOrUnsubscribeSuffix() {
        assertThat(Subscriptions.channelOf("deal")).isEqualTo("deal");
        assertThat(Subscriptions.channelOf("deal:subscribe")).isEqualTo("deal");
        assertThat(Subscriptions.channelOf("deal:unsubscribe")).isEqualTo("deal");
        assertThat(Subscriptions.eventFor("deal", true)).isEqualTo("deal:subscribe");
        assertThat(Subscriptions.eventFor("deal", false)).isEqualTo("deal:unsubscribe");
        assertThatThrownBy(() -> Subscriptions.channelOf(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriptionIsKeptOnceInTheOrderItWasMadeUntilRemoved() {
        assertThat(subscriptions.add("deal|{\"id\":1}", "f1")).isTrue();
        assertThat(subscriptions.add("contact|null", "f2")).isTrue();
        assertThat(subscriptions.add("deal|{\"id\":1}", "f1 again")).isFalse();
        assertThat(subscriptions.frames()).containsExactly("f1", "f2");

        assertThat(subscriptions.remove("deal|{\"id\":1}")).isTrue();
        assertThat(subscriptions.remove("deal|{\"id\":1}")).isFalse();
        assertThat(subscriptions.frames()).containsExactly("f2");
    }
}
