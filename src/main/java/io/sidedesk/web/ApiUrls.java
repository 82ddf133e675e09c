package io.sidedesk.web;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The dialect's {@code url} member: the resource's absolute API address, as the caller reached us. */
public final class ApiUrls {

    private ApiUrls() {
    }

    public static String of(String collection, Object id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/v2/{collection}/{id}.json")
            .buildAndExpand(collection, id)
            .toUriString();
    }
}
