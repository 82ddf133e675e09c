/**
 * Omnichannel routing (issue 23, R21): agents' statuses and capacity, custom queues, and the router, which gives a
 * ticket addressed to a group with no assignee to an available member of the group who has room for it. The queue
 * is rows in PostgreSQL written with the write that made a ticket routable; routers on every instance take from it
 * under row locks, one transaction per assignment, so no agent exceeds capacity and no ticket is routed twice.
 */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "ticket", "condition", "settings"})
package io.sidedesk.routing;

import org.springframework.modulith.ApplicationModule;
