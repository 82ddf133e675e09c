package io.sidedesk.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The dialect's {@code url} member: the resource's absolute API address, as the caller reached us. */
public final class ApiUrls {

    private static final String BASE = ApiUrls.class.getName() + ".base";

    private ApiUrls() {}

    /** Collections are fixed path segments and ids numbers or UUIDs: nothing in them needs encoding. */
    public static String of(String collection, Object id) {
        return location(collection, id) + ".json";
    }

    /** The same without the suffix: a {@code Location} header's. */
    public static String location(String collection, Object id) {
        return base() + "/api/v2/" + collection + "/" + id;
    }

    /** Where the caller reached us (forwarded headers honoured), worked out once per request: a page has many urls. */
    private static String base() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object cached = request == null ? null : request.getAttribute(BASE, RequestAttributes.SCOPE_REQUEST);
        if (cached instanceof String base) {
            return base;
        }
        String base = request instanceof ServletRequestAttributes servlet
                ? base(servlet.getRequest())
                : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (request != null) {
            request.setAttribute(BASE, base, RequestAttributes.SCOPE_REQUEST);
        }
        return base;
    }

    /**
     * As Spring's {@code ServletUriComponentsBuilder.fromContextPath(request).toUriString()} writes it, which costs a
     * builder, its parse and its encoding (0.6% of a write's request threads, issue 26): written directly when
     * nothing in it could need encoding (http or https, a host name of letters, digits, dots and hyphens, no context
     * path), and by Spring otherwise.
     */
    static String base(HttpServletRequest request) {
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        boolean http = "http".equals(scheme);
        if (!(http || "https".equals(scheme))
                || !plain(host)
                || !request.getContextPath().isEmpty()) {
            return ServletUriComponentsBuilder.fromContextPath(request).toUriString();
        }
        boolean defaultPort = port == (http ? 80 : 443);
        return defaultPort || port < 0 ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }

    private static boolean plain(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
