package io.sidedesk.template;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import liqp.Template;
import liqp.TemplateParser;
import liqp.parser.Flavor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.util.HtmlUtils;

/**
 * Texts rules write with placeholders (trigger notifications, macro comments): Liquid templates with Zendesk's placeholders ({@code {{ticket.title}}}), parsed
 * by a real Liquid engine. Ticket data is data, never template code: values are inserted as they are (a subject
 * holding {@code {{...}}} renders literally), and the HTML part escapes all of it. Templates cannot include files.
 */
public final class Templates {

    /** A template is at most this long. */
    public static final int MAX_TEMPLATE = 64 * 1024;

    /**
     * At most this many characters rendered (room for a template quoting the largest comment several times), this
     * many loop iterations in all, and no variables of the template's own (which is what lets a template grow its text
     * without bound). Filters can still make a render long (thousands of them over a long text, in every iteration),
     * so a render that takes longer than {@link #MAX_RENDER_TIME} gives way to the template's source.
     */
    public static final int MAX_RENDERED = 1024 * 1024;

    /** A render that takes longer gives way to the template's source. */
    public static final Duration MAX_RENDER_TIME = Duration.ofSeconds(10);

    private static final Pattern REFUSED_TAGS =
            Pattern.compile("\\{%-?\\s*(include|include_relative|render|assign|capture)\\b");

    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withFlavor(Flavor.LIQUID)
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .withStrictVariables(false)
            .withMaxIterations(1000)
            .withMaxSizeRenderedString(MAX_RENDERED)
            .withMaxTemplateSizeBytes(MAX_TEMPLATE)
            .withMaxRenderTimeMillis(MAX_RENDER_TIME.toMillis())
            .build();

    /**
     * The threads renders run on, so that the time limit holds without a thread per render (liqp's own way starts a
     * single-thread executor for each: a new thread for every notification of every write). Idle ones end.
     */
    private static final ExecutorService RENDERING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "template-render");
        thread.setDaemon(true);
        return thread;
    });

    private Templates() {}

    /** The template parsed; an {@link IllegalArgumentException} saying why when it is not one. */
    public static Template parse(String source) {
        if (REFUSED_TAGS.matcher(source).find()) {
            throw new IllegalArgumentException(
                    "cannot include files nor keep variables ({% include %}, {% render %}, {% assign %} and "
                            + "{% capture %} are not offered)");
        }
        try {
            return PARSER.parse(source);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid Liquid template: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The text the template renders with these placeholders. One that fails at rendering (beyond a limit) is logged,
     * and its source, which holds no ticket data, is used instead: never an empty text.
     */
    public static String render(Template template, Map<String, Object> placeholders, String source) {
        try {
            return template.render(placeholders, RENDERING, false);
        } catch (RuntimeException e) {
            log.warn("A template failed to render ({}); its source is used instead", e.getMessage());
            return source;
        }
    }

    /** Plain text as HTML: every character escaped, lines kept. */
    public static String html(String text) {
        return "<div style=\"white-space: pre-wrap\">" + HtmlUtils.htmlEscape(text) + "</div>";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
