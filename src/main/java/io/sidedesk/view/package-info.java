/**
 * Views (issue 22): saved ticket filters in the shared condition language, run in SQL after the caller's ticket
 * visibility ({@code ticket.TicketQuery}), so a view never shows or counts a ticket the caller may not see. Who may
 * use one is a restriction as macros have ({@code directory.Restriction}); the standard views come with the schema.
 */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "ticket", "condition"})
package io.sidedesk.view;

import org.springframework.modulith.ApplicationModule;
