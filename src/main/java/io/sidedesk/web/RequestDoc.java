package io.sidedesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI description says of an operation's request body beyond its type: an example that works when
 * sent as it is, and the members this operation requires though the body's type, shared with another operation,
 * does not ({@code "user.email"} on create, not on update).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestDoc {

    /** The example body, JSON. */
    String example();

    /** Dotted paths of members this operation requires: {@code "ticket.comment"}, {@code "message.to"}. */
    String[] required() default {};
}
