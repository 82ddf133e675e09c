package io.sidedesk.database;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate validates no entity ({@code jakarta.persistence.validation.mode=none}): that is only right while no
 * entity, mapped superclass or embeddable carries a Bean Validation constraint, which would then never be checked.
 */
class EntityConstraintsTests {

    @Test
    void noPersistentClassCarriesAConstraint() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(MappedSuperclass.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Embeddable.class));
        List<Class<?>> persistent = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.sidedesk")) {
            persistent.add(
                    ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader()));
        }
        assertThat(persistent).as("the scan finds the entities").hasSizeGreaterThan(10);

        List<String> constrained = new ArrayList<>();
        for (Class<?> type : persistent) {
            Stream.of(
                            Stream.<AnnotatedElement>of(type),
                            Stream.<AnnotatedElement>of(type.getDeclaredFields()),
                            Stream.<AnnotatedElement>of(type.getDeclaredMethods()),
                            Stream.<AnnotatedElement>of(type.getDeclaredConstructors()))
                    .flatMap(elements -> elements)
                    .filter(EntityConstraintsTests::constrained)
                    .forEach(element -> constrained.add(type.getSimpleName() + ": " + element));
        }
        assertThat(constrained).isEmpty();
    }

    private static boolean constrained(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation instanceof Valid
                    || MergedAnnotations.from(annotation.annotationType()).isPresent(Constraint.class)
                    || annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                return true;
            }
        }
        return false;
    }
}
