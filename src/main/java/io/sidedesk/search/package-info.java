/**
 * Search (issue 22): Zendesk's query syntax ({@link io.sidedesk.search.SearchQuery}) read into the conditions views
 * use and full-text terms ({@link io.sidedesk.search.SearchTerms}), run in SQL after the caller's ticket visibility;
 * words match the subject and the comments the searcher may read, never an internal note for an end-user (R22).
 */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "ticket", "condition"})
package io.sidedesk.search;

import org.springframework.modulith.ApplicationModule;
