package io.sidedesk.directory;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface GroupRepository extends JpaRepository<Group, Long>, JpaSpecificationExecutor<Group> {

    @Query("select g from Group g where lower(g.name) = lower(:name) and g.deleted = false")
    Optional<Group> findLiveByName(String name);

    @Modifying
    @Query("update Group g set g.defaultGroup = false where g.defaultGroup = true and g.id <> :keep")
    void clearDefaultExcept(long keep);
}
