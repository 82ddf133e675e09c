package io.sidedesk.sla;

/**
 * One target of a policy: for tickets of {@code priority} ({@code low}, {@code normal}, {@code high},
 * {@code urgent}), {@code metric} is to be met within {@code targetSeconds}, counted in calendar time or, with
 * {@code businessHours}, in the account's business hours only.
 */
public record PolicyMetric(String priority, SlaMetric metric, long targetSeconds, boolean businessHours) {}
