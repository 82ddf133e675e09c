package io.sidedesk.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSRF rule for webhook endpoints (docs/webhooks-contract.md, "SSRF"): an endpoint whose host is, or resolves to, a
 * loopback, unspecified, link-local, private, shared, multicast, broadcast or reserved address (IPv4-mapped,
 * IPv4-compatible and NAT64 IPv6 forms included) is refused unless {@code SIDEDESK_WEBHOOKS_ALLOWED_HOSTS} allows it.
 * When a webhook is saved only literal addresses are checked ({@link #refusalWhenSaved}, no DNS); at request time every
 * resolved address is checked and those checked are the only ones returned to connect to ({@link #addressesFor}), so a
 * DNS answer that changes in between cannot slip through. Hosts that look numeric are parsed here, never looked up.
 */
final class EndpointGuard {

    static final String SETTING = "SIDEDESK_WEBHOOKS_ALLOWED_HOSTS";
    static final int MAX_LENGTH = 2048;
    private static final String NOT_A_URL = "must be an absolute http or https URL";

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    // Forms such as 2130706433, 127.1, 0x7f.0.0.1 or 010.0.0.1 that resolvers may read as IPv4: never looked up.
    private static final Pattern NUMERIC = Pattern.compile("(?i)(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");
    // Starts as the JDK requires to parse a literal itself, so InetAddress.getByName never does a lookup for it.
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

    private static final List<Range> BLOCKED = List.of(
            Range.of("0.0.0.0/8", "unspecified"),
            Range.of("10.0.0.0/8", "private"),
            Range.of("100.64.0.0/10", "shared"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private"),
            Range.of("192.0.0.0/24", "reserved"),
            Range.of("192.168.0.0/16", "private"),
            Range.of("198.18.0.0/15", "benchmarking"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("255.255.255.255/32", "broadcast"),
            Range.of("240.0.0.0/4", "reserved"),
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local"),
            Range.of("fc00::/7", "private"),
            Range.of("ff00::/8", "multicast"));

    // IPv6 ranges whose last 32 bits are an IPv4 address that the connection reaches: judged by that address.
    // ::ffff:0:0/96 is written as bytes because the JDK reads that literal as IPv4 0.0.0.0.
    private static final List<Cidr> EMBEDDING_IPV4 = List.of(
            new Cidr(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96),
            Cidr.parse("::/96"),
            Cidr.parse("64:ff9b::/96"));

    /** How a host name becomes addresses; a fake one in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedNames = new HashSet<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Resolver resolver;

    EndpointGuard(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /**
     * @param allowedHosts host names, addresses and CIDR ranges; blank entries are ignored
     * @throws IllegalArgumentException naming the first entry that is none of these
     */
    EndpointGuard(List<String> allowedHosts, Resolver resolver) {
        this.resolver = resolver;
        for (String raw : allowedHosts == null ? List.<String>of() : allowedHosts) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.contains("/") || literalAddress(entry) != null) {
                    allowedRanges.add(Cidr.parse(entry));
                } else if (HOST_NAME.matcher(entry).matches()) {
                    allowedNames.add(entry.toLowerCase(Locale.ROOT));
                } else {
                    throw new IllegalArgumentException("not a host name");
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException(SETTING + " has an unreadable entry: " + entry, e);
            }
        }
    }

    /** What is wrong with an endpoint's text as a URL, before any address is considered. */
    static Optional<String> syntaxProblem(String endpoint) {
        return parse(endpoint).map(EndpointGuard::shapeProblem).orElse(Optional.of(NOT_A_URL));
    }

    /** Why a webhook with this endpoint may not be saved: its text, or a literal address refused. No DNS. */
    Optional<String> refusalWhenSaved(String endpoint) {
        return parse(endpoint).map(this::refusalWhenSaved).orElse(Optional.of(NOT_A_URL));
    }

    /** Why a webhook with this endpoint may not be saved: its shape, or a literal address refused. No DNS. */
    Optional<String> refusalWhenSaved(URI endpoint) {
        Optional<String> problem = shapeProblem(endpoint);
        if (problem.isPresent()) {
            return problem;
        }
        String host = endpoint.getHost();
        try {
            InetAddress literal = literalAddress(host);
            return literal == null
                    ? Optional.empty()
                    : refusal(host, literal, true).map(reason -> "endpoint " + reason);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " is not a valid IP address");
        }
    }

    /**
     * The addresses to connect to for a host, every one checked: a host allowed by name gets all its addresses, any
     * other host none if one of its addresses is refused. A literal address stands for itself, without DNS.
     *
     * @throws EndpointRefused when an address is refused
     * @throws UnknownHostException when the host has no address
     */
    InetAddress[] addressesFor(String host) throws UnknownHostException {
        InetAddress literal = literalAddress(host);
        InetAddress[] addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (!allowedNames.contains(host.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                Optional<String> reason = refusal(host, address, literal != null);
                if (reason.isPresent()) {
                    throw new EndpointRefused("refused: " + reason.get());
                }
            }
        }
        return addresses;
    }

    /** The name of the blocked range an address is in ("loopback", "private", ...), if any. */
    static Optional<String> blockedRange(InetAddress address) {
        return rangeOf(address)
                .or(() -> Optional.ofNullable(embeddedIpv4(address)).flatMap(EndpointGuard::rangeOf));
    }

    private static Optional<String> rangeOf(InetAddress address) {
        return BLOCKED.stream()
                .filter(range -> range.cidr().contains(address))
                .map(Range::name)
                .findFirst();
    }

    /**
     * The address a host written as an IP literal ({@code 10.1.2.3}, {@code [::1]}) stands for, parsed without DNS;
     * null for a host name.
     *
     * @throws UnknownHostException when the host looks like an address but is none in canonical form
     */
    static InetAddress literalAddress(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (DOTTED_QUAD.matcher(bare).matches()
                || (bare.contains(":") && IPV6.matcher(bare).matches())) {
            return InetAddress.getByName(bare);
        }
        if (bare.contains(":") || NUMERIC.matcher(bare).matches()) {
            throw new UnknownHostException(host + " is not a valid IP address");
        }
        return null;
    }

    /** Why an address of a host is refused: "10.1.2.3 is a private address; ..." or "x resolves to ...". */
    private Optional<String> refusal(String host, InetAddress address, boolean literal) {
        if (isAllowed(address)) {
            return Optional.empty();
        }
        return blockedRange(address).map(range -> {
            String what = withArticle(range) + " address; allow it with " + SETTING;
            return literal ? host + " is " + what : host + " resolves to " + address.getHostAddress() + ", " + what;
        });
    }

    private boolean isAllowed(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        return allowedRanges.stream()
                .anyMatch(cidr -> cidr.contains(address) || embedded != null && cidr.contains(embedded));
    }

    private static Optional<URI> parse(String endpoint) {
        try {
            return endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(new URI(endpoint));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> shapeProblem(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (endpoint.isOpaque()
                || scheme == null
                || !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.of(NOT_A_URL);
        }
        if (endpoint.toString().length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (endpoint.getHost() == null) {
            return Optional.of("must name a valid host");
        }
        if (endpoint.getRawUserInfo() != null) {
            return Optional.of("must not contain user info; use the authentication instead");
        }
        if (endpoint.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        if (endpoint.getPort() == 0 || endpoint.getPort() > 65535) {
            return Optional.of("must name a port from 1 to 65535");
        }
        return Optional.empty();
    }

    /** The IPv4 address in the last 32 bits of a mapped, compatible or NAT64 IPv6 address; null otherwise. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address) || EMBEDDING_IPV4.stream().noneMatch(cidr -> cidr.contains(address))) {
            return null;
        }
        byte[] bytes = address.getAddress();
        try {
            return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String withArticle(String name) {
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private record Range(Cidr cidr, String name) {
        static Range of(String cidr, String name) {
            return new Range(Cidr.parse(cidr), name);
        }
    }

    /** An address range; a single address is a range of one. */
    private record Cidr(byte[] network, int prefix) {

        /** Reads {@code address} or {@code address/prefix}; IllegalArgumentException when unreadable. */
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            try {
                InetAddress address = literalAddress(addressText);
                if (address == null) {
                    throw new IllegalArgumentException("not an address: " + addressText);
                }
                byte[] network = address.getAddress();
                int bits = network.length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("prefix out of range: " + text);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
