package com.flowcrm.ui.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.model.Priority;
import com.flowcrm.realtime.VirtualScheduler;
import com.flowcrm.ui.notifications.NotificationToasts.Toast;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Toast folding on virtual time: one toast per 5 seconds, the rest folded, high priority named, nothing lost. */
class ToastThrottleTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ToastTimer timer = (delay, task) -> scheduler.schedule(task, delay)::cancel;
    private final List<Toast> toasts = new ArrayList<>();
    private final List<Instant> shownAt = new ArrayList<>();
    private final AtomicBoolean wanted = new AtomicBoolean(true);
    private final ToastThrottle throttle = new ToastThrottle(timer, toast -> {
        toasts.add(toast);
        shownAt.add(scheduler.now());
    }, wanted::get);
    private int sequence;

    private Notification notification(String title, Priority priority) {
        return new Notification("n" + ++sequence, "u1", NotificationType.DEAL_UPDATE, title, "About " + title, priority,
                false, null, Map.of("dealId", "d" + sequence), Instant.parse("2026-03-02T09:00:00Z"), null);
    }

    private Notification notification(String title) {
        return notification(title, Priority.MEDIUM);
    }

    private void after(long millis) {
        scheduler.advance(Duration.ofMillis(millis));
    }

    @Test
    void theFirstShowsAtOnceAndWhatArrivesWithinFiveSecondsBecomesOneToast() {
        Notification first = notification("Initech signed");
        throttle.offer(first);
        assertThat(toasts).containsExactly(new Toast(first));

        List<Notification> later = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            after(700);
            Notification n = notification("Update " + i);
            later.add(n);
            throttle.offer(n);
        }
        after(5_000 - 3_500 - 1);
        assertThat(toasts).as("still inside the first toast's 5 seconds").hasSize(1);
        assertThat(throttle.waiting()).isEqualTo(5);

        after(1);
        assertThat(toasts).hasSize(2);
        Toast folded = toasts.get(1);
        assertThat(folded.folded()).isTrue();
        assertThat(folded.title()).isEqualTo("5 new notifications");
        assertThat(folded.notifications()).as("newest first").containsExactlyElementsOf(later.reversed());
        assertThat(folded.text()).isEqualTo("Latest: Update 5");
        assertThat(folded.isHighPriority()).isFalse();
        assertThat(shownAt.get(1)).isEqualTo(shownAt.get(0).plusSeconds(5));

        // the folded toast holds the slot for its own 5 seconds; after that a new one shows at once again
        after(5_000);
        assertThat(toasts).hasSize(2);
        Notification quiet = notification("Much later");
        throttle.offer(quiet);
        assertThat(toasts).hasSize(3).last().isEqualTo(new Toast(quiet));
    }

    @Test
    void aSingleNotificationThatWaitedShowsAsItself() {
        throttle.offer(notification("First"));
        after(2_000);
        Notification second = notification("Second");
        throttle.offer(second);

        after(3_000);
        assertThat(toasts).hasSize(2);
        assertThat(toasts.get(1).folded()).isFalse();
        assertThat(toasts.get(1).title()).isEqualTo("Second");
        assertThat(toasts.get(1).text()).isEqualTo("About Second");
    }

    @Test
    void aSteadyStreamGetsOneToastPerFiveSecondsAndEveryNotificationIsInOne() {
        Set<Notification> offered = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            Notification n = notification("Event " + i, i % 7 == 0 ? Priority.HIGH : Priority.LOW);
            offered.add(n);
            throttle.offer(n);
            after(500);
        }
        after(10_000);

        assertThat(toasts).hasSize(13);
        for (int i = 1; i < shownAt.size(); i++) {
            assertThat(Duration.between(shownAt.get(i - 1), shownAt.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        }
        Set<Notification> toasted = new HashSet<>();
        toasts.forEach(t -> toasted.addAll(t.notifications()));
        assertThat(toasted).as("none folded away").isEqualTo(offered);
        assertThat(toasts.stream().mapToInt(t -> t.notifications().size()).sum()).as("none twice").isEqualTo(120);
    }

    @Test
    void aFoldedToastNamesItsHighPriorityNotifications() {
        throttle.offer(notification("First"));
        throttle.offer(notification("Lunch menu", Priority.LOW));
        throttle.offer(notification("Contract at risk: Globex", Priority.HIGH));
        throttle.offer(notification("Weekly digest"));
        throttle.offer(notification("Initech asks for a call", Priority.HIGH));
        after(5_000);

        Toast folded = toasts.get(1);
        assertThat(folded.title()).isEqualTo("4 new notifications");
        assertThat(folded.isHighPriority()).isTrue();
        assertThat(folded.text()).isEqualTo("High priority: Initech asks for a call\nHigh priority: Contract at risk: Globex");
    }

    @Test
    void manyHighPriorityOnesAreNamedUpToThreeAndCountedBeyond() {
        throttle.offer(notification("First"));
        for (int i = 1; i <= 5; i++) {
            throttle.offer(notification("Urgent " + i, Priority.HIGH));
        }
        after(5_000);

        assertThat(toasts.get(1).text()).isEqualTo("High priority: Urgent 5\nHigh priority: Urgent 4\n"
                + "High priority: Urgent 3\n+ 2 more high priority");
    }

    @Test
    void aHighPriorityNotificationInAFreeSlotGetsItsOwnMarkedToast() {
        Notification urgent = notification("Globex is leaving", Priority.HIGH);
        throttle.offer(urgent);
        assertThat(toasts).containsExactly(new Toast(urgent));
        assertThat(toasts.get(0).isHighPriority()).isTrue();
        assertThat(toasts.get(0).title()).isEqualTo("Globex is leaving");
    }

    @Test
    void noToastWhenTheUserTurnedThemOffNeitherAtOnceNorForWhatWaited() {
        wanted.set(false);
        assertThat(throttle.offer(notification("Quiet"))).isFalse();
        after(10_000);
        assertThat(toasts).isEmpty();

        wanted.set(true);
        throttle.offer(notification("First"));
        throttle.offer(notification("Second"));
        throttle.offer(notification("Third"));
        wanted.set(false);
        after(5_000);
        assertThat(toasts).hasSize(1);
        assertThat(throttle.waiting()).isZero();
    }

    @Test
    void notificationsReadWhileWaitingAreLeftOut() {
        throttle.offer(notification("First"));
        Notification read = notification("Read meanwhile");
        Notification unread = notification("Still unread");
        Notification alsoRead = notification("Also read");
        throttle.offer(read);
        throttle.offer(unread);
        throttle.offer(alsoRead);
        read.setRead(true);
        alsoRead.setRead(true);
        after(5_000);
        assertThat(toasts).hasSize(2).last().isEqualTo(new Toast(unread));

        Notification readBeforeItArrived = notification("Already read");
        readBeforeItArrived.setRead(true);
        after(5_000);
        assertThat(throttle.offer(readBeforeItArrived)).isFalse();
        assertThat(toasts).hasSize(2);
    }

    @Test
    void nothingShowsAfterClose() {
        throttle.offer(notification("First"));
        throttle.offer(notification("Waiting"));
        throttle.close();
        after(10_000);
        assertThat(throttle.offer(notification("After close"))).isFalse();
        assertThat(toasts).hasSize(1);
    }
}
