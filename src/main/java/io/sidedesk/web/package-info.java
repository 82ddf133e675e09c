/** The dialect's plumbing: errors, the .json suffix, pagination, request ids, the filter order, OpenAPI. */
@ApplicationModule(allowedDependencies = {})
package io.sidedesk.web;

import org.springframework.modulith.ApplicationModule;
