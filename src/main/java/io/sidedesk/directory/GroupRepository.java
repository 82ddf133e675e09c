package io.sidedesk.directory;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface GroupRepository extends JpaRepository<Group, Long>, JpaSpecificationExecutor<Group> {

    @Query("select g from Group g where lower(g.name) = lower(:name) and g.deleted = false")
    Optional<Group> findLiveByName(String name);

    /** Rows of (group id, caller is a member) for groups, deleted ones included, that are private or the caller's. */
    @Query(value = """
            select g.id, exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = :userId)
            from groups g
            where (not g.is_public or exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = :userId))
            """, nativeQuery = true)
    java.util.List<Object[]> privateOrJoinedBy(long userId);

    @Modifying
    @Query("update Group g set g.defaultGroup = false where g.defaultGroup = true and g.id <> :keep")
    void clearDefaultExcept(long keep);
}
