package io.sidedesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An object member that may be written as null ({@code "audit": null}). Members of simple types say so in the
 * OpenAPI description by themselves; an object member, described by reference to its schema, needs this.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface MayBeNull {}
