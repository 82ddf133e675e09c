package io.sidedesk.trigger;

import java.util.Map;
import java.util.regex.Pattern;

import liqp.Template;
import liqp.TemplateParser;
import liqp.parser.Flavor;

import org.springframework.web.util.HtmlUtils;

/**
 * Notification subjects and bodies: Liquid templates with Zendesk's placeholders ({@code {{ticket.title}}}), parsed
 * by a real Liquid engine. Ticket data is data, never template code: values are inserted as they are (a subject
 * holding {@code {{...}}} renders literally), and the HTML part escapes all of it. Templates cannot include files.
 */
final class Templates {

    /** At most this many characters rendered, and this many loop iterations: a template cannot run away. */
    static final int MAX_RENDERED = 64 * 1024;

    private static final Pattern FILE_TAGS = Pattern.compile("\\{%-?\\s*(include|include_relative|render)\\b");

    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withFlavor(Flavor.LIQUID)
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .withStrictVariables(false)
            .withMaxIterations(1000)
            .withMaxSizeRenderedString(MAX_RENDERED)
            .withMaxTemplateSizeBytes(MAX_RENDERED)
            .build();

    private Templates() {}

    /** The template parsed; an {@link IllegalArgumentException} saying why when it is not one. */
    static Template parse(String source) {
        if (FILE_TAGS.matcher(source).find()) {
            throw new IllegalArgumentException("cannot include files ({% include %} and {% render %} are not offered)");
        }
        try {
            return PARSER.parse(source);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid Liquid template: " + firstLine(e.getMessage()));
        }
    }

    /** The text the template renders with these placeholders; a template that fails at rendering renders nothing. */
    static String render(Template template, Map<String, Object> placeholders) {
        try {
            return template.render(placeholders);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Plain text as HTML: every character escaped, lines kept. */
    static String html(String text) {
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
