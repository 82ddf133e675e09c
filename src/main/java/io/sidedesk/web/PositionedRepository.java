package io.sidedesk.web;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;

/** The queries {@link Positions} needs of an ordered list's rows, whichever entity they are. */
@NoRepositoryBean
public interface PositionedRepository<T extends Positioned> extends JpaRepository<T, Long> {

    List<T> findAllByOrderByPositionAscIdAsc();

    @Query("select coalesce(max(e.position), 0) from #{#entityName} e")
    int lastPosition();

    /** Makes room at {@code position}: it and those after move down by one. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update #{#entityName} e set e.position = e.position + 1 where e.position >= :position")
    int makeRoomAt(int position);
}
