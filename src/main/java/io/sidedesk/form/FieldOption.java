package io.sidedesk.form;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One choice of a tagger field: its label and its value (which is also the tag it sets). */
@Entity
@Table(name = "ticket_field_options")
class FieldOption {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "field_id")
    private long fieldId;

    private int position;

    private String name;

    private String value;

    protected FieldOption() {}

    FieldOption(long fieldId, int position, String name, String value) {
        this.fieldId = fieldId;
        this.position = position;
        this.name = name;
        this.value = value;
    }

    Long getId() {
        return id;
    }

    int getPosition() {
        return position;
    }

    String getName() {
        return name;
    }

    String getValue() {
        return value;
    }
}
