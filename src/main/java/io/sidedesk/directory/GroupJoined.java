package io.sidedesk.directory;

/**
 * Someone joined a group, in the writing transaction: they may now take its tickets (routing looks again after
 * commit).
 *
 * @param userId  who joined
 * @param groupId the group
 */
public record GroupJoined(long userId, long groupId) {}
