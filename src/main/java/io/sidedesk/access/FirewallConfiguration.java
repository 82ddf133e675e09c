package io.sidedesk.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;

/**
 * Spring Security's strict firewall, with its own character rules checked by a loop instead of a regular
 * expression. The firewall checks every header that any filter or controller reads, and with the default
 * Unicode patterns that was about 13% of the CPU of an authenticated request that does nothing else. The
 * rules are unchanged: every code point of a header name, header value or parameter name is assigned and no
 * control character, a header value may hold a tab ({@code FirewallConfigurationTests} compares them with
 * Spring's patterns).
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    @Bean
    static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> assignedNoControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedNoControl(value, true));
        firewall.setAllowedParameterNames(name -> assignedNoControl(name, false));
        return firewall;
    }

    /**
     * A rejected request is a 400 problem naming what was rejected (the header, parameter or URL), not an empty
     * 400. A rejected value is not echoed: it may be a credential.
     */
    @Bean
    static RequestRejectedHandler requestRejectedHandler(ProblemWriter writer) {
        return (request, response, rejected) -> {
            String message = rejected.getMessage();
            int value = message.indexOf(" has a value \"");
            // Spring's message quotes a header's name with a space before the closing quote.
            String detail = value < 0
                    ? message
                    : message.substring(0, value).replaceFirst(" \"$", "\"") + " has a value that is not allowed.";
            writer.write(request, response, Problems.of(HttpStatus.BAD_REQUEST, "InvalidRequest", detail));
        };
    }

    /** True when every code point is assigned (not {@code Cn}) and not a control ({@code Cc}), a tab aside. */
    static boolean assignedNoControl(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
