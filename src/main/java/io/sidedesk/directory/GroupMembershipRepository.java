package io.sidedesk.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface GroupMembershipRepository
        extends JpaRepository<GroupMembership, Long>, JpaSpecificationExecutor<GroupMembership> {

    boolean existsByUserIdAndGroupId(long userId, long groupId);

    Optional<GroupMembership> findByUserIdAndGroupId(long userId, long groupId);

    List<GroupMembership> findByUserId(long userId);

    boolean existsByUserId(long userId);

    @org.springframework.data.jpa.repository.Query("select m from GroupMembership m where m.userId in :userIds")
    List<GroupMembership> findByUserIdIn(java.util.Collection<Long> userIds);

    // Two statements, not one: the one-default-per-user index is checked row by row.
    @Modifying(flushAutomatically = true)
    @Query("update GroupMembership m set m.defaultGroup = false where m.userId = :userId and m.defaultGroup = true")
    void clearDefault(long userId);

    @Modifying(flushAutomatically = true)
    @Query("update GroupMembership m set m.defaultGroup = true where m.userId = :userId and m.groupId = :groupId")
    void setDefault(long userId, long groupId);

    @Modifying(flushAutomatically = true)
    @Query("delete from GroupMembership m where m.userId = :userId")
    void deleteByUser(long userId);

    @Modifying(flushAutomatically = true)
    @Query("delete from GroupMembership m where m.groupId = :groupId")
    void deleteByGroup(long groupId);
}
