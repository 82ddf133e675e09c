/**
 * Liquid templates with Zendesk's placeholders ({@code {{ticket.title}}}): parsed once as a rule is written, rendered
 * with the values a ticket gives, never able to run away.
 */
@ApplicationModule(allowedDependencies = {})
package io.sidedesk.template;

import org.springframework.modulith.ApplicationModule;
