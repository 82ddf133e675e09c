package io.sidedesk;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Transient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entity read by plain SQL for a read that changes nothing (issue 26) must hold the values the ORM loads: these
 * compare the two field by field, over every persistent field of the entity class, so that a column added to the
 * entity and not to its row fails, and check that the fixture's two entities differ in every one of them, so that a
 * row that read one column into another fails too.
 */
public final class EntityFields {

    private EntityFields() {}

    /** Every field of the class that the ORM maps: not static, not {@code @Transient} (superclasses' too). */
    public static List<Field> persistent(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isAnnotationPresent(Transient.class)) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** The entity read or written as a row has the ORM's value (what it loads) in every persistent field. */
    public static <T> void assertSameValues(Class<T> type, T byRow, T byOrm, String which) {
        for (Field field : persistent(type)) {
            assertThat(value(field, byRow))
                    .as("%s, %s", which, field.getName())
                    .usingRecursiveComparison()
                    .isEqualTo(value(field, byOrm));
        }
    }

    /** The two entities differ in every persistent field. */
    public static <T> void assertDifferInEveryField(Class<T> type, T one, T other) {
        for (Field field : persistent(type)) {
            assertThat(Objects.deepEquals(value(field, one), value(field, other)))
                    .as("the fixture's two differ in %s", field.getName())
                    .isFalse();
        }
    }

    private static Object value(Field field, Object entity) {
        try {
            return field.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
