package io.sidedesk.database;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data reads the declared JPQL queries by pattern ({@link DeclaredQueries}): right only while none asks it to
 * add a sort, a limit or a count (a {@code Sort}, {@code Pageable}, {@code ScrollPosition} or {@code Limit}
 * parameter) or to rewrite its select for a class-based projection. A declared query that needs either belongs in a
 * specification.
 */
class DeclaredQueriesTests {

    private static final List<Class<?>> ASKS_FOR_A_REWRITE =
            List.of(Sort.class, Pageable.class, ScrollPosition.class, Limit.class);

    @Test
    void noDeclaredQueryNeedsSpringDataToRewriteIt() throws ClassNotFoundException {
        List<String> declared = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        for (Class<?> repository : repositories()) {
            for (Method method : repository.getMethods()) {
                Query query = AnnotatedElementUtils.findMergedAnnotation(method, Query.class);
                if (query == null || query.nativeQuery()) {
                    continue;
                }
                String name = repository.getSimpleName() + "." + method.getName();
                declared.add(name);
                for (Class<?> parameter : method.getParameterTypes()) {
                    if (ASKS_FOR_A_REWRITE.stream().anyMatch(type -> type.isAssignableFrom(parameter))) {
                        rewritten.add(name + " takes a " + parameter.getSimpleName());
                    }
                }
                Class<?> element = element(ResolvableType.forMethodReturnType(method, repository));
                if (!readAsIs(element)) {
                    rewritten.add(name + " returns a class-based projection, " + element.getSimpleName());
                }
            }
        }
        assertThat(declared)
                .as("the scan finds the declared queries, those of a shared repository interface included")
                .hasSizeGreaterThan(15)
                .contains("SlaPolicyRepository.inMatchingOrder", "MacroRepository.lastPosition");
        assertThat(rewritten).isEmpty();
    }

    private static List<Class<?>> repositories() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Repository.class));
        List<Class<?>> repositories = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.sidedesk")) {
            repositories.add(
                    ClassUtils.forName(candidate.getBeanClassName(), DeclaredQueriesTests.class.getClassLoader()));
        }
        return repositories;
    }

    /** What a query method's rows are read as: the element of a list, an optional, a stream or a slice. */
    private static Class<?> element(ResolvableType returned) {
        Class<?> raw = returned.toClass();
        boolean wrapper = Optional.class == raw
                || Iterable.class.isAssignableFrom(raw)
                || Stream.class.isAssignableFrom(raw)
                || Slice.class.isAssignableFrom(raw);
        return wrapper ? element(returned.getGeneric(0)) : raw;
    }

    /** Rows Spring Data hands on as they come: an entity, a value, an array of values, or an interface projection. */
    private static boolean readAsIs(Class<?> element) {
        return element.isInterface()
                || element.isArray()
                || element.isAnnotationPresent(Entity.class)
                || ClassUtils.isPrimitiveOrWrapper(element)
                || element == void.class
                || Number.class.isAssignableFrom(element)
                || CharSequence.class.isAssignableFrom(element)
                || element.getName().startsWith("java.time.");
    }
}
