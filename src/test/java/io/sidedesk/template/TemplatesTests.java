package io.sidedesk.template;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import liqp.parser.Inspectable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template cannot run away, and rendering one starts no thread: the limits on iterations (across the whole render),
 * the rendered text and the template's size bound its work, on the thread that asked.
 */
class TemplatesTests {

    @Test
    void nestedLoopsStopAtTheIterationLimitAndTheSourceIsUsed() {
        String source = "{% for a in (1..1000) %}{% for b in (1..1000) %}x{% endfor %}{% endfor %}";

        assertThat(Templates.render(Templates.parse(source), Map.of(), source)).isEqualTo(source);
    }

    @Test
    void aTextBeyondTheRenderedLimitIsStoppedAndTheSourceIsUsed() {
        String source = "{% for a in (1..1000) %}{{ticket.description}}{% endfor %}";
        Map<String, Object> placeholders = Map.of("ticket", Map.of("description", "y".repeat(10_000)));

        assertThat(Templates.render(Templates.parse(source), placeholders, source))
                .isEqualTo(source);
    }

    @Test
    void aTemplateRendersOnTheCallersThread() {
        AtomicReference<Thread> renderedOn = new AtomicReference<>();
        Map<String, Object> placeholders = new HashMap<>();
        placeholders.put("ticket", new Probe(renderedOn));

        assertThat(Templates.render(Templates.parse("#{{ticket.id}}"), placeholders, ""))
                .isEqualTo("#42");
        assertThat(renderedOn.get()).isSameAs(Thread.currentThread());
    }

    /** A placeholder that notes the thread reading it. */
    public static final class Probe implements Inspectable {

        private final AtomicReference<Thread> readOn;

        Probe(AtomicReference<Thread> readOn) {
            this.readOn = readOn;
        }

        public long getId() {
            readOn.set(Thread.currentThread());
            return 42;
        }
    }
}
