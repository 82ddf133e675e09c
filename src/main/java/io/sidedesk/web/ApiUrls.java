package io.sidedesk.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
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
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        if (request != null) {
            request.setAttribute(BASE, base, RequestAttributes.SCOPE_REQUEST);
        }
        return base;
    }
}
