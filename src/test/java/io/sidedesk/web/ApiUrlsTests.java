package io.sidedesk.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's base url, written directly where nothing in it needs encoding, is what Spring's builder writes, for
 * every scheme, host, port and context path here, and those that need encoding are left to Spring.
 */
class ApiUrlsTests {

    @Test
    void theBaseIsWhatSpringsBuilderWrites() {
        String[] schemes = {"http", "https", "HTTP", "ftp"};
        String[] hosts = {
            "localhost",
            "127.0.0.1",
            "help.example.com",
            "Help-Desk.Example.COM",
            "[::1]",
            "[2001:db8::7]",
            "bücher.example",
            "a b",
            "host%41",
            "x_y.example",
            ""
        };
        int[] ports = {80, 443, 8080, 1, 65535, -1};
        String[] contextPaths = {"", "/desk", "/a b"};
        int fast = 0;
        for (String scheme : schemes) {
            for (String host : hosts) {
                for (int port : ports) {
                    for (String contextPath : contextPaths) {
                        MockHttpServletRequest request = new MockHttpServletRequest();
                        request.setScheme(scheme);
                        request.setServerName(host);
                        request.setServerPort(port);
                        request.setContextPath(contextPath);
                        String spring = ServletUriComponentsBuilder.fromContextPath(request)
                                .toUriString();
                        assertThat(ApiUrls.base(request))
                                .as("%s %s %d %s", scheme, host, port, contextPath)
                                .isEqualTo(spring);
                        if ((scheme.equals("http") || scheme.equals("https"))
                                && host.matches("[A-Za-z0-9.-]+")
                                && contextPath.isEmpty()) {
                            fast++;
                        }
                    }
                }
            }
        }
        assertThat(fast).isEqualTo(2 * 4 * ports.length); // written directly: two schemes, four plain hosts
    }
}
