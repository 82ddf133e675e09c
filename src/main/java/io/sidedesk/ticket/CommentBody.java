package io.sidedesk.ticket;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

import io.sidedesk.web.RecordInvalid;

/**
 * A comment's text in its two forms. From {@code body} (plain text) the HTML is escaped text in
 * paragraphs; from {@code html_body} the HTML is sanitized with jsoup's relaxed safelist (no scripts,
 * no event handlers, no javascript: links) and the plain text is read from it.
 */
public record CommentBody(String body, String htmlBody) {

    /** Zendesk's limit on a comment body. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private static final Safelist SAFE = Safelist.relaxed().addProtocols("a", "href", "mailto");

    public static CommentBody of(String body, String htmlBody, String field) {
        return of(body, htmlBody, field, "comment");
    }

    /** The text of a {@code noun} (a comment, a message): a refusal for want of a body says what needs one. */
    public static CommentBody of(String body, String htmlBody, String field, String noun) {
        // Both are checked whenever sent: a body can stand in for an html_body without text.
        if (body != null) {
            checkSize(body, field + ".body");
        }
        if (htmlBody != null) {
            checkSize(htmlBody, field + ".html_body");
        }
        if (htmlBody != null && !htmlBody.isBlank()) {
            String safe = Jsoup.clean(htmlBody, "", SAFE, new Document.OutputSettings().prettyPrint(false));
            String plain = Jsoup.parseBodyFragment(safe).body().wholeText().strip();
            if (plain.isEmpty() && body != null && !body.isBlank()) {
                plain = body.strip();
            }
            return new CommentBody(plain, safe);
        }
        if (body == null || body.isBlank()) {
            throw missing(field, noun);
        }
        return new CommentBody(body, toHtml(body));
    }

    /** The refusal of a {@code noun} that has no text: neither a body nor an html_body with text in it. */
    public static RecordInvalid missing(String field, String noun) {
        return RecordInvalid.field(field + ".body", "is required: a " + noun + " needs a body or an html_body");
    }

    /** The text's first line, at most {@code max} characters: a ticket's subject made from its first comment. */
    public static String firstLine(String text, int max) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > max ? line.substring(0, max) : line;
    }

    private static void checkSize(String text, String field) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw RecordInvalid.field(field, "must be at most 64 KB");
        }
    }

    private static String toHtml(String body) {
        StringBuilder html = new StringBuilder("<div class=\"zd-comment\">");
        for (String paragraph : PARAGRAPH_BREAK.split(body.strip())) {
            html.append("<p>")
                    .append(LINE_BREAK
                            .matcher(org.jsoup.nodes.Entities.escape(paragraph.strip()))
                            .replaceAll("<br>"))
                    .append("</p>");
        }
        return html.append("</div>").toString();
    }
}
