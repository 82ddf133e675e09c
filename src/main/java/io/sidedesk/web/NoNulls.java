package io.sidedesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body type whose members may not be sent as null (the service answers 422), unlike most, where a null
 * member changes nothing or clears it. The OpenAPI description then allows no null in it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoNulls {}
