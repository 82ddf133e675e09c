package io.sidedesk.directory;

/** Response headers of directory deletions (204, no body) that changed tickets: how many. */
final class DirectoryHeaders {

    static final String UNASSIGNED_TICKETS = "Sidedesk-Unassigned-Tickets";

    static final String MOVED_TICKETS = "Sidedesk-Moved-Tickets";

    private DirectoryHeaders() {}
}
