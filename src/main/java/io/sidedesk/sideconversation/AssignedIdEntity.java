package io.sidedesk.sideconversation;

import java.util.UUID;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose UUID is assigned before it is saved: saving must be told a new row is new, so that it
 * is one insert, not a select and a merge of a copy.
 */
@MappedSuperclass
abstract class AssignedIdEntity implements Persistable<UUID> {

    @Transient
    private boolean isNew = true;

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }
}
