package io.sidedesk.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request content the service cannot take, before anything reads it: a body over the limit is a
 * 413 (Tomcat drains up to {@code server.tomcat.max-swallow-size} so the client sees the answer), JSON
 * nested deeper than any resource needs is a 400, a body in another charset than UTF-8 is a 415, and text
 * PostgreSQL cannot store (NUL characters, unpaired surrogates) is a 422 naming the field, or a 400 naming
 * the query parameter. It runs after authentication, so anonymous callers never make the service read a body.
 */
@Component
@Order(FilterOrder.REQUEST_CONTENT)
class RequestContentFilter extends OncePerRequestFilter {

    static final int MAX_NESTING = 64;
    static final String UNSTORABLE = "must not contain NUL characters or unpaired surrogates";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private final long maxBody;
    private final ProblemWriter problems;

    RequestContentFilter(@Value("${sidedesk.limits.max-body-size:10MB}") DataSize maxBody, ProblemWriter problems) {
        this.maxBody = maxBody.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (org.apache.tomcat.util.http.InvalidParameterException
                | org.springframework.security.web.firewall.RequestRejectedException e) {
            // Undecodable percent-encoding, or a name the firewall refuses (line breaks): no usable query.
            refuse(request, response, Problems.undecodableQuery());
            return;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                // A form body's pair without "=" has no value (null), as Spring's form filter reads it.
                if ((value != null && !storable(value)) || !storable(parameter.getKey())) {
                    refuse(
                            request,
                            response,
                            Problems.invalidParameter(Map.of(parameter.getKey(), List.of(UNSTORABLE))));
                    return;
                }
            }
        }
        if (request.getContentLengthLong() > maxBody) {
            refuse(request, response, tooLarge());
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!acceptableType(request.getContentType())) {
            refuse(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "UnsupportedMediaType",
                            "Send the request body as application/json"));
            return;
        }
        if (!utf8(request.getContentType())) {
            // The check below reads UTF-8, as RFC 8259 has it; a body read in another charset would escape it.
            refuse(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "UnsupportedMediaType",
                            "Send the request body as application/json in UTF-8 (charset=utf-8, or no charset)"));
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (body.length > maxBody) {
            refuse(request, response, tooLarge());
            return;
        }
        if (isJson(request)) {
            ProblemDetail problem = check(body);
            if (problem != null) {
                refuse(request, response, problem);
                return;
            }
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    /** A problem with the JSON's shape or text, or null: malformed JSON is left to the usual 400. */
    private static ProblemDetail check(byte[] body) {
        try (JsonParser parser = JSON.createParser(tools.jackson.core.ObjectReadContext.empty(), body)) {
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if ((token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME)
                            && !storable(parser.getString())) {
                        String field = field(parser.streamReadContext());
                        if (field.isEmpty()) {
                            // The body is that one string: no resource, so no member to name.
                            return Problems.of(
                                    HttpStatus.BAD_REQUEST,
                                    "InvalidJSON",
                                    "The request body is a string, with NUL characters or unpaired surrogates, "
                                            + "not a JSON object");
                        }
                        return Problems.recordInvalid(Map.of(field, List.of(UNSTORABLE)));
                    }
                }
            } catch (StreamConstraintsException e) {
                // Past the nesting limit, or past another of Jackson's: a number or a name thousands of characters
                // long.
                return Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "InvalidJSON",
                        parser.streamReadContext().getNestingDepth() >= MAX_NESTING
                                ? "The request body is nested deeper than " + MAX_NESTING + " levels"
                                : "The request body holds a number or a member name too long to read");
            }
        } catch (JacksonException e) {
            return null;
        }
        return null;
    }

    /** The field as details name it elsewhere: {@code comment.body}, relative to the wrapped resource. */
    private static String field(TokenStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            String name = at.currentName();
            // A member whose own name is unprintable is named by where it stands.
            String segment = at.inArray()
                    ? "[" + Math.max(at.getCurrentIndex(), 0) + "]"
                    : name == null ? "" : "." + (printable(name) ? name : "(member name)");
            path.insert(0, segment);
        }
        return Problems.field(path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString());
    }

    private static boolean printable(String name) {
        return !name.isBlank() && name.codePoints().noneMatch(Character::isISOControl) && storable(name);
    }

    /** PostgreSQL text takes neither NUL nor a UTF-16 surrogate without its pair. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private ProblemDetail tooLarge() {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "PayloadTooLarge",
                "The request body is larger than " + DataSize.ofBytes(maxBody).toMegabytes() + " MB");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problems.write(request, response, problem);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** No type (read as JSON) or a concrete one; a wildcard or unparsable type names no format at all. */
    private static boolean acceptableType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false; // InvalidMediaTypeException
        }
    }

    /**
     * No charset, or UTF-8 by its name in any case, quoted or not: JSON is UTF-8 (RFC 8259, section 8.1). A type
     * that names two charsets names none for sure (readers disagree on which one counts).
     */
    private static boolean utf8(String contentType) {
        if (contentType == null) {
            return true;
        }
        long charsets = Arrays.stream(contentType.split(";"))
                .filter(parameter -> parameter.strip().toLowerCase(Locale.ROOT).startsWith("charset"))
                .count();
        String charset = MediaType.parseMediaType(contentType).getParameter("charset");
        return charsets == 0
                || charsets == 1 && charset != null && charset.replace("\"", "").equalsIgnoreCase("UTF-8");
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || type.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The request with its body read once into memory (it is at most the limit), for the rest of the chain. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    return in.read(bytes, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Bodies are read blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
