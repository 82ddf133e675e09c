package io.sidedesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A member the API shows but never writes. Clients send whole objects back (Zendesk's own clients do), so such
 * a member is ignored when sent, as Zendesk ignores it; the OpenAPI description marks it {@code readOnly}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadOnly {}
