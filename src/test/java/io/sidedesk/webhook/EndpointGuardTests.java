package io.sidedesk.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF rule of docs/webhooks-contract.md ("SSRF"), with a fake DNS: no test here looks anything up. */
class EndpointGuardTests {

    private static final String ALLOW_HINT = "; allow it with SIDEDESK_WEBHOOKS_ALLOWED_HOSTS";

    private final List<String> lookups = new ArrayList<>();
    private final Map<String, InetAddress[]> dns = Map.of(
            "hooks.internal.test", new InetAddress[] {ip("127.0.0.1")},
            "hooks.public.test", new InetAddress[] {ip("93.184.216.34"), ip("2606:2800:220:1::1")},
            "split.test", new InetAddress[] {ip("8.8.8.8"), ip("10.0.0.1")},
            "twins.test", new InetAddress[] {ip("127.0.0.1"), ip("127.0.0.2")},
            "mapped.test", new InetAddress[] {mappedIpv6("169.254.169.254")});

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "127.255.255.254, loopback",
        "0.0.0.0, unspecified",
        "0.1.2.3, unspecified",
        "169.254.169.254, link-local",
        "169.254.0.1, link-local",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "100.64.0.1, shared",
        "100.127.255.255, shared",
        "224.0.0.1, multicast",
        "239.255.255.250, multicast",
        "255.255.255.255, broadcast",
        "240.0.0.1, reserved",
        "192.0.0.8, reserved",
        "198.18.0.1, benchmarking",
        "198.19.255.255, benchmarking",
        "::1, loopback",
        "::, unspecified",
        "fe80::1, link-local",
        "fc00::1, private",
        "fd12:3456::1, private",
        "ff02::1, multicast",
        "::ffff:127.0.0.1, loopback",
        "::ffff:7f00:1, loopback",
        "::ffff:169.254.169.254, link-local",
        "::ffff:10.1.2.3, private",
        "::127.0.0.1, loopback",
        "::10.1.2.3, private",
        "64:ff9b::a9fe:a9fe, link-local",
        "64:ff9b::192.168.0.1, private"
    })
    void everyBlockedRangeIsRefusedWhenSavedAndAtRequestTimeWithItsName_B2(String address, String range) {
        EndpointGuard guard = guard();
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThat(guard.refusalWhenSaved("https://" + host + "/hook")).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("endpoint " + host + " is " + article(range) + " " + range + " address" + ALLOW_HINT));
        assertThatThrownBy(() -> guard.addressesFor(host))
                .isInstanceOf(EndpointRefused.class)
                .hasMessage("refused: " + host + " is " + article(range) + " " + range + " address" + ALLOW_HINT);
        assertThat(lookups).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "11.0.0.1",
                "172.32.0.1",
                "100.128.0.1",
                "198.20.0.1",
                "223.255.255.255",
                "2606:4700::1111",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808"
            })
    void publicAddressesPassAndStandForThemselves_B2(String address) throws UnknownHostException {
        EndpointGuard guard = guard();
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThat(guard.refusalWhenSaved("https://" + host + "/hook")).isEmpty();
        assertThat(guard.addressesFor(host)).containsExactly(ip(address));
        assertThat(lookups).isEmpty();
    }

    @Test
    void aNameResolvingToLoopbackIsNotResolvedWhenSavedButRefusedAtRequestTime_B2() {
        EndpointGuard guard = guard();

        assertThat(guard.refusalWhenSaved("https://hooks.internal.test/hook")).isEmpty();
        assertThat(lookups).isEmpty();
        assertThatThrownBy(() -> guard.addressesFor("hooks.internal.test"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessage("refused: hooks.internal.test resolves to 127.0.0.1, a loopback address" + ALLOW_HINT);
        assertThat(lookups).containsExactly("hooks.internal.test");
    }

    @Test
    void oneBlockedAddressAmongANamesAddressesRefusesTheName_B2() {
        assertThatThrownBy(() -> guard().addressesFor("split.test"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessage("refused: split.test resolves to 10.0.0.1, a private address" + ALLOW_HINT);
    }

    @Test
    void aPublicNameGetsEveryAddressItResolvesTo_B2() throws UnknownHostException {
        assertThat(guard().addressesFor("hooks.public.test"))
                .containsExactly(ip("93.184.216.34"), ip("2606:2800:220:1::1"));
    }

    @Test
    void anIpv4MappedAddressFromDnsIsJudgedByItsIpv4Address_B2() {
        assertThatThrownBy(() -> guard().addressesFor("mapped.test"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("a link-local address");
    }

    @Test
    void anUnknownNameIsAnUnknownHostNotARefusal_B2() {
        assertThatThrownBy(() -> guard().addressesFor("nowhere.test"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(EndpointRefused.class);
    }

    @Test
    void aNameOnTheAllowListIsMatchedAsWrittenIgnoringCaseAndGetsAllItsAddresses_B2() throws UnknownHostException {
        EndpointGuard guard = guard("Hooks.Internal.TEST", "twins.TEST");

        assertThat(guard.addressesFor("hooks.internal.test")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.addressesFor("TWINS.test")).containsExactly(ip("127.0.0.1"), ip("127.0.0.2"));
        // The name allows itself, not its addresses: another name or the address itself stays refused.
        assertThatThrownBy(() -> guard.addressesFor("127.0.0.1")).isInstanceOf(EndpointRefused.class);
        assertThat(guard.refusalWhenSaved("http://127.0.0.1/")).isPresent();
    }

    @Test
    void anAddressOnTheAllowListAllowsItAsWrittenAndAsEveryResolvedAddress_B2() throws UnknownHostException {
        EndpointGuard guard = guard("127.0.0.1");

        assertThat(guard.refusalWhenSaved("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(guard.addressesFor("127.0.0.1")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.addressesFor("hooks.internal.test")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.addressesFor("[::ffff:127.0.0.1]")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.refusalWhenSaved("http://127.0.0.2/")).isPresent();
        assertThatThrownBy(() -> guard.addressesFor("127.0.0.2")).isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> guard.addressesFor("twins.test"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessage("refused: twins.test resolves to 127.0.0.2, a loopback address" + ALLOW_HINT);
    }

    @Test
    void aCidrRangeOnTheAllowListAllowsTheAddressesInIt_B2() throws UnknownHostException {
        EndpointGuard guard = guard("10.0.0.0/8", "fd00::/8", "[::1]", "169.254.169.0/24");

        assertThat(guard.addressesFor("10.1.2.3")).containsExactly(ip("10.1.2.3"));
        assertThat(guard.addressesFor("split.test")).containsExactly(ip("8.8.8.8"), ip("10.0.0.1"));
        assertThat(guard.refusalWhenSaved("http://[fd12:3456::1]/")).isEmpty();
        assertThat(guard.refusalWhenSaved("http://[::1]/")).isEmpty();
        assertThat(guard.addressesFor("mapped.test")).hasSize(1);
        assertThat(guard.refusalWhenSaved("http://192.168.1.1/")).isPresent();
        assertThat(guard.refusalWhenSaved("http://[fc00::1]/")).isPresent();
        assertThat(guard.refusalWhenSaved("http://11.0.0.0/")).isEmpty();
    }

    @Test
    void blankEntriesAreIgnoredAndEntriesTrimmed_B2() throws UnknownHostException {
        EndpointGuard guard = guard(" ", "", "  127.0.0.1 ", "\thooks.internal.test ");

        assertThat(guard.addressesFor("127.0.0.1")).containsExactly(ip("127.0.0.1"));
        assertThat(guard.addressesFor("hooks.internal.test")).containsExactly(ip("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "1.2.3.4.5/8",
                "1.2.3.4.5",
                "999.1.1.1",
                "::1/129",
                "10.0.0.0/x",
                "10.0.0.0/",
                "hooks.example/8",
                "*.example.com",
                "https://hooks.example"
            })
    void anUnreadableAllowListEntryFailsAtStartupNamingIt_B2(String entry) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> guard("127.0.0.1", entry))
                .withMessage("SIDEDESK_WEBHOOKS_ALLOWED_HOSTS has an unreadable entry: " + entry);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://hooks.example/in | must be an absolute http or https URL",
                "hooks.example/in | must be an absolute http or https URL",
                "http:hooks.example | must be an absolute http or https URL",
                "https://hooks.example/a b | must be an absolute http or https URL",
                "http:///in | must name a valid host",
                "http://hooks_example:8080:1/ | must name a valid host",
                "https://user:secret@hooks.example/ | must not contain user info; use the authentication instead",
                "https://hooks.example/in#part | must not contain a fragment"
            })
    void savingChecksTheShapeOfTheUrl_B2(String endpoint, String problem) {
        assertThat(EndpointGuard.syntaxProblem(endpoint)).hasValue(problem);
        assertThat(guard().refusalWhenSaved(endpoint)).hasValue(problem);
    }

    @Test
    void savingAcceptsUrlsUpTo2048CharactersAndRefusesLongerOnes_B2() {
        String base = "https://hooks.example/";
        String longest = base + "a".repeat(2048 - base.length());

        assertThat(EndpointGuard.syntaxProblem(longest)).isEmpty();
        assertThat(EndpointGuard.syntaxProblem(longest + "a")).hasValue("must be at most 2048 characters");
        assertThat(EndpointGuard.syntaxProblem(null)).hasValue("must be an absolute http or https URL");
        assertThat(EndpointGuard.syntaxProblem(" ")).hasValue("must be an absolute http or https URL");
        assertThat(EndpointGuard.syntaxProblem("HTTPS://Hooks.Example:8443/in?x=1"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "017.0.0.1", "127.000.0.1"})
    void hostsThatResolversMayReadAsIpv4AreNeverLookedUp_B2(String host) {
        EndpointGuard guard = guard();

        assertThat(guard.refusalWhenSaved("http://" + host + "/hook"))
                .hasValue("host " + host + " is not a valid IP address");
        assertThatThrownBy(() -> guard.addressesFor(host))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage(host + " is not a valid IP address");
        assertThat(lookups).isEmpty();
    }

    private EndpointGuard guard(String... allowed) {
        return new EndpointGuard(List.of(allowed), host -> {
            lookups.add(host);
            InetAddress[] addresses = dns.get(host.toLowerCase());
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        });
    }

    private static String article(String range) {
        return "aeiou".indexOf(range.charAt(0)) >= 0 ? "an" : "a";
    }

    /** A literal address: the JDK parses it without DNS. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** ::ffff:a.b.c.d kept as an IPv6 address, as a resolver may return it (the JDK's parser makes it IPv4). */
    private static InetAddress mappedIpv6(String ipv4) {
        byte[] v4 = ip(ipv4).getAddress();
        byte[] v6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, v4[0], v4[1], v4[2], v4[3]};
        try {
            return Inet6Address.getByAddress(null, v6, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
