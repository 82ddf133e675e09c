package io.sidedesk.web;

/** A row of an ordered list (triggers, SLA policies): its place, 1..n, kept by {@link Positions}. */
public interface Positioned {

    Long getId();

    int getPosition();

    void moveTo(int position);
}
