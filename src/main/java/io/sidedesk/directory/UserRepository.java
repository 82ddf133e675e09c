package io.sidedesk.directory;

import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, Long>, JpaSpecificationExecutor<User> {

    /** Uses the unique index on lower(email). */
    @Query("select u from User u left join fetch u.customRole where lower(u.email) = lower(:email)")
    Optional<User> findByEmailIgnoringCase(String email);

    @EntityGraph(attributePaths = "customRole")
    Optional<User> findWithRoleById(long id);

    @Query("select u from User u left join fetch u.customRole where u.id in :ids")
    java.util.List<User> findWithRolesByIdIn(java.util.Collection<Long> ids);

    boolean existsByCustomRoleId(long customRoleId);

    @Query("select u.id from User u where u.customRole.id = :customRoleId")
    java.util.List<Long> findIdsByCustomRoleId(long customRoleId);
}
