package io.sidedesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a handler returning {@link ListPage.Body} lists: the member that holds the items and their type. The
 * OpenAPI description then shows the page as it is written: {@code {"tickets": [...], "next_page", ...}}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ListOf {

    /** The member holding the items: {@code tickets}, {@code group_memberships}, ... */
    String value();

    /** The items' type. */
    Class<?> of() default Void.class;

    /** Or the name of the items' schema, for a type of another module that another operation describes. */
    String schema() default "";

    /** A record whose members the page has besides its items and paging (a preview's columns, an export's state). */
    Class<?> with() default Void.class;
}
