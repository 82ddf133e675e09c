package io.sidedesk.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sidedesk.web.InvalidParameter;

/**
 * Zendesk's search syntax read into tokens, nothing else: free words and {@code "quoted phrases"}, and
 * {@code key:value}, {@code key<value}, {@code key>value}, {@code key<=value}, {@code key>=value} (the value may be
 * quoted), each negated by a leading {@code -}. What a key means is {@link SearchTerms}'s. A query that cannot be read
 * is a 400 naming {@code query} and the token.
 */
final class SearchQuery {

    /** At most this many characters, and this many tokens. */
    static final int MAX_LENGTH = 1000;

    static final int MAX_TOKENS = 50;

    /** One token: {@code key} null for free text ({@code phrase} when it was quoted). */
    record Token(String text, boolean negated, String key, String operator, String value, boolean phrase) {}

    private static final List<String> OPERATORS = List.of("<=", ">=", ":", "<", ">");

    private SearchQuery() {}

    static List<Token> tokens(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidParameter(
                    "query", "is required: words, phrases in quotes, and terms such as status<solved");
        }
        if (query.length() > MAX_LENGTH) {
            throw new InvalidParameter("query", "must be at most " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            if (Character.isWhitespace(query.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean negated =
                    query.charAt(i) == '-' && i + 1 < query.length() && !Character.isWhitespace(query.charAt(i + 1));
            if (negated) {
                i++;
            }
            if (query.charAt(i) == '"') {
                int close = query.indexOf('"', i + 1);
                if (close < 0) {
                    throw unreadable(query.substring(start), "opens a quote it never closes");
                }
                String phrase = query.substring(i + 1, close);
                i = close + 1;
                tokens.add(new Token(query.substring(start, i), negated, null, null, phrase, true));
            } else {
                int keyEnd = i;
                while (keyEnd < query.length()
                        && (Character.isLetterOrDigit(query.charAt(keyEnd)) || query.charAt(keyEnd) == '_')) {
                    keyEnd++;
                }
                String operator = operatorAt(query, keyEnd);
                if (keyEnd > i && operator != null) {
                    String key = query.substring(i, keyEnd).toLowerCase(Locale.ROOT);
                    int valueStart = keyEnd + operator.length();
                    String value;
                    if (valueStart < query.length() && query.charAt(valueStart) == '"') {
                        int close = query.indexOf('"', valueStart + 1);
                        if (close < 0) {
                            throw unreadable(query.substring(start), "opens a quote it never closes");
                        }
                        value = query.substring(valueStart + 1, close);
                        i = close + 1;
                    } else {
                        i = valueStart;
                        while (i < query.length() && !Character.isWhitespace(query.charAt(i))) {
                            i++;
                        }
                        value = query.substring(valueStart, i);
                    }
                    String text = query.substring(start, i);
                    if (value.isBlank()) {
                        throw unreadable(text, "has no value after " + operator);
                    }
                    tokens.add(new Token(text, negated, key, operator, value.strip(), false));
                } else {
                    while (i < query.length() && !Character.isWhitespace(query.charAt(i))) {
                        i++;
                    }
                    String word = query.substring(negated ? start + 1 : start, i);
                    tokens.add(new Token(query.substring(start, i), negated, null, null, word, false));
                }
            }
            if (tokens.size() > MAX_TOKENS) {
                throw new InvalidParameter("query", "can hold at most " + MAX_TOKENS + " terms");
            }
        }
        return tokens;
    }

    /** The operator at this place, the two-character ones first; null when there is none. */
    private static String operatorAt(String query, int at) {
        return OPERATORS.stream()
                .filter(operator -> query.startsWith(operator, at))
                .findFirst()
                .orElse(null);
    }

    /** A 400 naming the token that cannot be read, and why. */
    static InvalidParameter unreadable(String token, String why) {
        return new InvalidParameter("query", "`" + token + "` " + why);
    }
}
