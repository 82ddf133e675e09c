package io.sidedesk.security;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of hostile input, driven by a seeded {@link Random} so that a failing try is reproduced by its
 * seed: malformed, oversized and wrongly typed values, unicode-heavy text (emoji, right-to-left, combining
 * marks, lone surrogates), and injection-shaped strings (SQL, HTML and script, path traversal, CRLF,
 * template and format strings).
 *
 * <p>Values are plain Java maps, lists, strings and numbers, serialized by Jackson; what Jackson cannot
 * write (lone surrogates, invalid escapes, numbers out of any range) goes in as a {@link Raw} fragment
 * that {@link #json} splices into the text as is.
 */
final class Hostile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE tickets; --",
            "\" OR \"\"=\"",
            "1 UNION SELECT email, digest FROM api_tokens --",
            "%' AND 1=1 --",
            "%",
            "_",
            "%%",
            "\\",
            "\\%",
            "' || pg_sleep(0) || '",
            "$1",
            "?",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg/onload=alert(1)>",
            "<!--",
            "]]>",
            "&lt;&#x3C;&amp;",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/api/v2/users/1",
            "file:///etc/passwd",
            "line\r\nX-Injected: yes",
            "\r\n\r\n<html>",
            "%0d%0aSet-Cookie:%20a=b",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}",
            "#{7*7}",
            "%s%s%s%n",
            "{\"$gt\": \"\"}",
            "zen:side_conversation:x:ticket:1",
            "admin@sidedesk.test",
            "admin@sidedesk.test/token:x");

    static final List<String> UNICODE = List.of(
            "😀👍🏽👨‍👩‍👧‍👦🏳️‍🌈",
            "\u202Eevil\u202C",
            "مرحبا بالعالم",
            "שלום עולם",
            "Z̴̡̪͓̈́ä̸̢́l̷̰͌g̶͎̈́o̵̤͝",
            "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
            "\u200B\u200C\u200D\uFEFF",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚",
            "漢字テスト한국어",
            "\u2028\u2029",
            "ＦＵＬＬＷＩＤＴＨ",
            "\uFFFD\uFFFF\uFFFE",
            "İıſK",
            "ß",
            "\u00a0\u2003\u3000",
            "٣٤٥",
            "\u0001\u0002\u0007\u001b[31mred\u001b[0m",
            "\u007f",
            "\t\n\r",
            "a\u0000b");

    /** JSON string literals Jackson would not write: lone surrogates, bad escapes. */
    static final List<String> RAW_STRINGS = List.of(
            "\"\\ud800\"",
            "\"\\udfff\"",
            "\"a\\ud83d\"",
            "\"\\ude00x\"",
            "\"\\ud800\\ud800\"",
            "\"\\ud83d\\ude00\"",
            "\"\\u0000\"",
            "\"\\x41\"",
            "\"\\u12\"",
            "\"\\'\"",
            "'single'");

    static final List<String> RAW_NUMBERS = List.of(
            "1e999999",
            "-1e999999",
            "123456789012345678901234567890",
            "-0",
            "0x10",
            "NaN",
            "Infinity",
            "-Infinity",
            "01",
            "1.",
            ".5",
            "+1",
            "1e-400",
            "9223372036854775808",
            "-9223372036854775809",
            "tru",
            "nul");

    /**
     * Custom field values at and past the edges, as JSON text, for every field type (a new type fails
     * {@code HostileInputTests} until it has an entry): numbers beyond any range, in exponent form, with too many
     * digits on either side of the point, as numbers and as strings; dates past year 9999, before year 1, signed,
     * not real days; and the text, boolean and option values next to them.
     */
    static final Map<String, List<String>> FIELD_VALUES = Map.of(
            "integer",
                    List.of(
                            "1e1000000",
                            "-1e1000000",
                            "1e-20000",
                            "1e3",
                            "1E+18",
                            "0e1000000",
                            "9223372036854775807",
                            "9223372036854775808",
                            "-9223372036854775808",
                            "-9223372036854775809",
                            "123456789012345678901234567890",
                            "1" + "0".repeat(999),
                            "1" + "0".repeat(1_500),
                            "-0",
                            "1.0",
                            "\"9223372036854775807\"",
                            "\"999999999999999999\"",
                            "\"1e3\"",
                            "\"+1\"",
                            "\" 1\"",
                            "\"١٢٣\"",
                            "\"１２\"",
                            "\"0x10\"",
                            "\"" + "9".repeat(10_000) + "\""),
            "decimal",
                    List.of(
                            "1e1000000",
                            "-1e1000000",
                            "1e-20000",
                            "-1e-20000",
                            "0e1000000",
                            "0e-1000000",
                            "1E+17",
                            "1E+18",
                            "1e308",
                            "1.7976931348623157E309",
                            "4.9e-325",
                            "999999999999999999.9999999999",
                            "-999999999999999999.9999999999",
                            "9999999999999999999",
                            "0.00000000001",
                            "0.0000000001",
                            "-0",
                            "-0.0",
                            "123456789012345678901234567890",
                            "0." + "0".repeat(998) + "1",
                            "1" + "0".repeat(1_500),
                            "\"999999999999999999.9999999999\"",
                            "\"1e1000000\"",
                            "\"1E+17\"",
                            "\"0.00000000001\"",
                            "\"NaN\"",
                            "\"Infinity\"",
                            "\"-\"",
                            "\".5\"",
                            "\"5.\"",
                            "\"١٫٥\"",
                            "\"" + "9".repeat(10_000) + "\""),
            "date",
                    List.of(
                            "\"99999-01-01\"",
                            "\"+99999-01-01\"",
                            "\"-0001-01-01\"",
                            "\"0000-01-01\"",
                            "\"0000-00-00\"",
                            "\"9999-12-31\"",
                            "\"10000-01-01\"",
                            "\"+999999999-12-31\"",
                            "\"-999999999-01-01\"",
                            "\"2026-02-29\"",
                            "\"2028-02-29\"",
                            "\"2026-1-1\"",
                            "\"２０２６-01-01\"",
                            "\"2026-01-01T00:00:00Z\"",
                            "\"2026-01-01 \"",
                            "\"2026-01-01\\u0000\"",
                            "20260101",
                            "1e1000000",
                            "\"\"",
                            "\"1970-01-01\""),
            "checkbox", List.of("true", "false", "\"true\"", "1", "0", "1e1000000", "null", "[true]"),
            "text",
                    List.of(
                            "\"one line\"",
                            "\"two\\nlines\"",
                            "\"" + "t".repeat(65_537) + "\"",
                            "\"\\u0000\"",
                            "\"\\ud800\"",
                            "1e1000000",
                            "\"\"",
                            "{}"),
            "textarea",
                    List.of(
                            "\"two\\nlines\"",
                            "\"" + "t".repeat(65_536) + "\"",
                            "\"" + "t".repeat(65_537) + "\"",
                            "\"\\udfff\"",
                            "-1e-20000",
                            "[]"),
            "tagger", List.of("\"no-such-option\"", "\"\"", "1e1000000", "\"%\"", "\"_\"", "[\"a\"]"));

    /** A custom field value for a field of this type: one of its edges, or any hostile value. */
    static String fieldValue(Random random, String type) {
        List<String> edges = FIELD_VALUES.get(type);
        if (edges == null) {
            throw new IllegalArgumentException("No hostile values for custom fields of type " + type);
        }
        return random.nextInt(4) == 0 ? json(value(random, 1)) : pick(random, edges);
    }

    /** Values of {@code page} and {@code per_page}: every edge of the ranges, and what is no number at all. */
    static final List<String> PAGE_NUMBERS = List.of(
            "1",
            "0",
            "-1",
            "2",
            "99",
            "100",
            "101",
            "3333",
            "3334",
            "9999",
            "10000",
            "10001",
            "32768",
            "65536",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999",
            "1e3",
            "1e1000000",
            "1.5",
            "1.0",
            "0x10",
            "+1",
            " 1",
            "1 ",
            "01",
            "",
            "abc",
            "١",
            "１",
            "NaN",
            "null",
            "1,2",
            "[1]",
            "%31");

    /** Charsets a client may declare on a JSON body: UTF-8 in its spellings, and ones that are not UTF-8. */
    static final List<String> CHARSETS = List.of(
            "utf-8",
            "UTF-8",
            "Utf-8",
            "\"utf-8\"",
            "utf8",
            "UTF8",
            "IBM037",
            "ibm037",
            "\"IBM037\"",
            "cp037",
            "IBM500",
            "UTF-16",
            "UTF-16BE",
            "UTF-16LE",
            "UTF-32",
            "UTF-32LE",
            "ISO-8859-1",
            "latin1",
            "windows-1252",
            "US-ASCII",
            "Shift_JIS",
            "EUC-JP",
            "GB18030",
            "KOI8-R",
            "UTF-7",
            "x-no-such-charset",
            "",
            "\"\"",
            "utf-8; charset=IBM037",
            "IBM037; charset=utf-8",
            "*");

    /** Whether a declared charset names UTF-8 (the only one a JSON body may be in), quoted or not, in any case. */
    static boolean namesUtf8(String charset) {
        return charset.replace("\"", "").equalsIgnoreCase("UTF-8");
    }

    /** The body encoded in the declared charset where Java knows it, else its UTF-8 bytes. */
    static byte[] encode(String text, String charset) {
        String name = charset.replace("\"", "").split(";")[0].strip();
        try {
            if (!name.isEmpty()
                    && Charset.isSupported(name)
                    && Charset.forName(name).canEncode()) {
                return text.getBytes(Charset.forName(name));
            }
        } catch (IllegalArgumentException e) {
            // an illegal name: sent as UTF-8
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Forwarded headers, one to all of them, with values a proxy never sends; hosts carry {@code marker}. */
    static Map<String, String> forwardedHeaders(Random random, String marker) {
        List<String> hosts = List.of(
                marker + ".example",
                marker + ".example:abc",
                marker + ".example:99999",
                marker + ".example:-1",
                marker + ".example:",
                "[::1",
                "[" + marker + "]",
                marker + ".example/path?q=1#f",
                marker + ".example, other.example",
                marker + ".example@" + marker + ".example",
                marker + "..example",
                marker + "." + "a".repeat(300) + ".example",
                "%2e%2e",
                "*",
                "",
                " ",
                marker + "_under.example",
                marker + ".exämple",
                marker + ".example	");
        List<String> protos = List.of(
                "https",
                "http",
                "HTTPS",
                "javascript",
                "file",
                "ftp",
                "https, http",
                "",
                " ",
                "ws",
                "h2",
                "https://" + marker + ".example",
                "x".repeat(5_000));
        List<String> ports = List.of(
                "443",
                "0",
                "-1",
                "65535",
                "65536",
                "99999999999",
                "abc",
                "",
                "1e3",
                "80, 443",
                " 80",
                "0x50",
                "2147483648");
        List<String> addresses = List.of(
                "203.0.113.9",
                "unknown",
                "_hidden",
                "[2001:db8::1]",
                "2001:db8::1",
                "256.256.256.256",
                "1.2.3",
                "",
                ", ,",
                "203.0.113.9, 198.51.100.1, 127.0.0.1",
                "127.0.0.1",
                "::1",
                "localhost",
                "%00",
                "0",
                String.join(", ", java.util.Collections.nCopies(400, "203.0.113.9")),
                "' OR '1'='1",
                "a".repeat(6_000));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = random.nextInt(5) + 1; i > 0; i--) {
            switch (random.nextInt(7)) {
                case 0 -> headers.put("X-Forwarded-Host", pick(random, hosts));
                case 1 -> headers.put("X-Forwarded-Proto", pick(random, protos));
                case 2 -> headers.put("X-Forwarded-Port", pick(random, ports));
                case 3 -> headers.put("X-Forwarded-For", pick(random, addresses));
                case 4 ->
                    headers.put(
                            "X-Forwarded-Prefix",
                            pick(
                                    random,
                                    List.of(
                                            "/" + marker,
                                            "//" + marker + ".example",
                                            "../..",
                                            "",
                                            "/%2e%2e",
                                            marker + "-no-slash")));
                case 5 ->
                    headers.put(
                            "Forwarded",
                            pick(
                                    random,
                                    List.of(
                                            "for=" + pick(random, addresses) + ";host=" + pick(random, hosts)
                                                    + ";proto=" + pick(random, protos),
                                            "for=\"[2001:db8::1]:80\"",
                                            "garbage",
                                            "host=" + marker + ".example",
                                            ";;;",
                                            "for=unknown, for=_x;by=" + marker)));
                default -> headers.put("X-Real-IP", pick(random, addresses));
            }
        }
        return headers;
    }

    private Hostile() {}

    /** A fragment written into the JSON text verbatim. */
    record Raw(String json) {}

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A hostile string: injection-shaped, unicode-heavy, blank, long, or a mix of those. */
    static String text(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> pick(random, INJECTIONS);
            case 3, 4, 5 -> pick(random, UNICODE);
            case 6 -> pick(random, List.of("", " ", "   ", "\n"));
            case 7 -> repeat(random, pick(random, List.of(256, 1001, 65_537, 300_000)));
            default -> {
                StringBuilder mix = new StringBuilder();
                for (int i = random.nextInt(4) + 1; i > 0; i--) {
                    mix.append(random.nextBoolean() ? pick(random, INJECTIONS) : pick(random, UNICODE));
                }
                yield mix.toString();
            }
        };
    }

    /** Unicode-heavy text that is valid Unicode (no lone surrogates, no NUL), between non-blank ends. */
    static String unicode(Random random, int maxChars) {
        StringBuilder text = new StringBuilder("u");
        while (true) {
            String piece = pick(random, UNICODE.subList(0, 15));
            if (text.length() + piece.length() + 1 > maxChars) {
                break;
            }
            text.append(piece);
            if (random.nextInt(3) == 0) {
                break;
            }
        }
        return text.append('u').toString();
    }

    private static String repeat(Random random, int length) {
        String unit = random.nextBoolean() ? "a" : pick(random, List.of("😀", "漢", "é", "<", "'"));
        StringBuilder long_ = new StringBuilder(length + unit.length());
        while (long_.length() < length) {
            long_.append(unit);
        }
        return long_.toString();
    }

    /** A value of any JSON type, often of the wrong one. */
    static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 11)) {
            case 0, 1, 2 -> text(random);
            case 3 -> new Raw(pick(random, RAW_STRINGS));
            case 4 ->
                pick(
                        random,
                        List.<Object>of(
                                0,
                                -1,
                                1,
                                Long.MAX_VALUE,
                                Long.MIN_VALUE,
                                Integer.MAX_VALUE + 1L,
                                1.5,
                                -0.0,
                                1e308,
                                new BigInteger("18446744073709551616"),
                                new BigDecimal("1E+400")));
            case 5 -> new Raw(pick(random, RAW_NUMBERS));
            case 6 -> random.nextBoolean();
            case 7 -> nullValue();
            case 8 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(random.nextInt(4) == 0 ? null : value(random, depth + 1));
                }
                yield list;
            }
            case 9 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(
                            random.nextBoolean() ? text(random) : pick(random, List.of("id", "body", "name", "value")),
                            value(random, depth + 1));
                }
                yield map;
            }
            default -> new Raw(nested(pick(random, List.of(50, 400, 3000))));
        };
    }

    private static Object nullValue() {
        return null;
    }

    /** {@code [[[ ... ]]]}, this deep. */
    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** {@code {"a":{"a": ... 1 ... }}}, this deep. */
    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** The JSON text of a value, with {@link Raw} fragments spliced in. */
    static String json(Object value) {
        List<String> fragments = new ArrayList<>();
        Object marked = mark(value, fragments);
        String text = JSON.writeValueAsString(marked);
        for (int i = 0; i < fragments.size(); i++) {
            text = text.replace("\"@@raw-" + i + "@@\"", fragments.get(i));
        }
        return text;
    }

    private static Object mark(Object value, List<String> fragments) {
        if (value instanceof Raw raw) {
            fragments.add(raw.json());
            return "@@raw-" + (fragments.size() - 1) + "@@";
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, mark(item, fragments)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(mark(item, fragments)));
            return copy;
        }
        return value;
    }

    /**
     * One to three mutations of a request body: a member (at any depth, the root included) replaced by a
     * hostile value, a member removed, an unknown or a known member added.
     */
    @SuppressWarnings("unchecked")
    static Object mutate(Random random, Object body, List<String> knownKeys) {
        Object root = body;
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            List<Object[]> slots = new ArrayList<>();
            slots(root, slots);
            int kind = random.nextInt(10);
            if (slots.isEmpty() || random.nextInt(25) == 0) {
                root = value(random, 0);
                continue;
            }
            Object[] slot = pick(random, slots);
            Object container = slot[0];
            if (kind < 6) {
                set(container, slot[1], value(random, 1));
            } else if (kind < 8 && container instanceof Map<?, ?> map) {
                map.remove(slot[1]);
            } else if (container instanceof Map<?, ?> map) {
                String key = random.nextBoolean() && !knownKeys.isEmpty() ? pick(random, knownKeys) : text(random);
                ((Map<String, Object>) map).put(key, value(random, 1));
            } else {
                set(container, slot[1], value(random, 1));
            }
        }
        return root;
    }

    /** Every (container, key or index) of a body, depth first. */
    private static void slots(Object node, List<Object[]> slots) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : new ArrayList<>(map.keySet())) {
                slots.add(new Object[] {map, key});
                slots(map.get(key), slots);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Object[] {list, i});
                slots(list.get(i), slots);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object container, Object key, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).put(key, value);
        } else {
            ((List<Object>) container).set((Integer) key, value);
        }
    }

    /** A body that is not the JSON the endpoint reads: malformed, truncated, of another type, or odd text. */
    static String malformed(Random random, String valid) {
        return switch (random.nextInt(14)) {
            case 0 ->
                pick(random, List.of("", " ", "{", "}", "[", "]", "{]", "null", "true", "0", "\"string\"", "[]", "{}"));
            case 1 -> valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 2 -> valid + pick(random, List.of("}", "]", ",", "garbage", "\u0000", "{}"));
            case 3 -> "\uFEFF" + valid;
            case 4 -> valid.replaceFirst("\\{", "{/* comment */");
            case 5 -> valid.replace("\"", "'");
            case 6 -> valid.replaceFirst("}$", ",}");
            case 7 -> "[" + valid + "]";
            case 8 -> valid.replaceFirst("\\{\"([a-z_]+)\":", "{\"$1\":null,\"$1\":");
            case 9 -> nested(pick(random, List.of(600, 3000)));
            case 10 -> nestedObjects(pick(random, List.of(600, 3000)));
            case 11 -> URLEncoder.encode(valid, StandardCharsets.UTF_8);
            case 12 -> "<?xml version=\"1.0\"?><ticket><subject>x</subject></ticket>";
            default -> text(random);
        };
    }

    /** Content types besides JSON, and JSON ones with odd parameters. */
    static String contentType(Random random) {
        return pick(
                random,
                List.of(
                        "text/plain",
                        "application/xml",
                        "application/yaml",
                        "application/x-www-form-urlencoded",
                        "application/json; charset=ISO-8859-1",
                        "application/json;charset=UTF-16",
                        "application/problem+json",
                        "multipart/form-data; boundary=x",
                        "*/*",
                        "application/vnd.api+json",
                        "garbage",
                        "application/json; q=x=y"));
    }

    /** Bytes that are not UTF-8. */
    static byte[] invalidUtf8(Random random) {
        byte[][] choices = {
            {(byte) 0xC0, (byte) 0xAE},
            {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x28, (byte) 0xA1},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        return choices[random.nextInt(choices.length)];
    }
}
