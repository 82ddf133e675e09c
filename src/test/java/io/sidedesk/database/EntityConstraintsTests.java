package io.sidedesk.database;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate validates no entity ({@code jakarta.persistence.validation.mode=none}): that is only right while no
 * entity, mapped superclass or embeddable, nor any type they inherit from, carries a Bean Validation constraint or
 * {@code @Valid} (on a member, a parameter, or inside a member's type), which would then never be checked.
 */
class EntityConstraintsTests {

    @Test
    void noPersistentClassCarriesAConstraint() throws ClassNotFoundException {
        // Abstract classes too (mapped superclasses are): the scanner leaves them out by default.
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(MappedSuperclass.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Embeddable.class));
        Set<Class<?>> types = new LinkedHashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.sidedesk")) {
            addWithSupertypes(
                    ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader()), types);
        }
        assertThat(types)
                .as("the scan finds the entities and their mapped superclasses")
                .hasSizeGreaterThan(20)
                .anyMatch(type -> type.isAnnotationPresent(MappedSuperclass.class));

        List<String> constrained = new ArrayList<>();
        for (Class<?> type : types) {
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
            for (Field field : type.getDeclaredFields()) {
                elements.add(field);
                elements.add(field.getAnnotatedType());
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            executables.addAll(List.of(type.getDeclaredMethods()));
            for (Executable executable : executables) {
                elements.add(executable);
                elements.add(executable.getAnnotatedReturnType());
                for (Parameter parameter : executable.getParameters()) {
                    elements.add(parameter);
                    elements.add(parameter.getAnnotatedType());
                }
            }
            elements.stream()
                    .filter(EntityConstraintsTests::constrained)
                    .forEach(element -> constrained.add(type.getSimpleName() + ": " + element));
        }
        assertThat(constrained).isEmpty();
    }

    private static void addWithSupertypes(Class<?> type, Set<Class<?>> types) {
        if (type == null || type == Object.class || !type.getName().startsWith("io.sidedesk") || !types.add(type)) {
            return;
        }
        addWithSupertypes(type.getSuperclass(), types);
        for (Class<?> implemented : type.getInterfaces()) {
            addWithSupertypes(implemented, types);
        }
    }

    /** A constraint or {@code @Valid} on the element, repeated ones included, or anywhere inside its type. */
    private static boolean constrained(AnnotatedElement element) {
        MergedAnnotations annotations = MergedAnnotations.from(
                element, MergedAnnotations.SearchStrategy.DIRECT, RepeatableContainers.standardRepeatables());
        if (annotations.isPresent(Constraint.class) || annotations.isPresent(Valid.class)) {
            return true;
        }
        if (element instanceof AnnotatedParameterizedType parameterized) {
            return List.of(parameterized.getAnnotatedActualTypeArguments()).stream()
                    .anyMatch(EntityConstraintsTests::constrained);
        }
        return element instanceof AnnotatedArrayType array && constrained(array.getAnnotatedGenericComponentType());
    }
}
