package io.sidedesk.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import liqp.parser.Inspectable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template cannot run away (the limits on iterations across the whole render, the rendered text, the template's
 * size, and a render's time), and rendering one starts no thread of its own.
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
    void rendersShareTheirThreadsInsteadOfStartingOneEach() {
        Set<Thread> renderedOn = ConcurrentHashMap.newKeySet();
        Map<String, Object> placeholders = new HashMap<>();
        placeholders.put("ticket", new Probe(renderedOn));
        liqp.Template template = Templates.parse("#{{ticket.id}}");

        for (int i = 0; i < 100; i++) {
            assertThat(Templates.render(template, placeholders, "")).isEqualTo("#42");
        }
        // liqp's own way started a thread for each: one hundred. Shared threads come back for the next render.
        assertThat(renderedOn).hasSizeLessThan(50);
    }

    /** A placeholder that notes the thread reading it. */
    public static final class Probe implements Inspectable {

        private final Set<Thread> readOn;

        Probe(Set<Thread> readOn) {
            this.readOn = readOn;
        }

        public long getId() {
            readOn.add(Thread.currentThread());
            return 42;
        }
    }
}
