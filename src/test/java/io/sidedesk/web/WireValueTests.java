package io.sidedesk.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every enum spelled on the wire is found by each of its spellings (the first constant of a spelling, as the
 * constants' order has it), and by nothing else: an unknown spelling, another case, or none.
 */
class WireValueTests {

    @Test
    void everyConstantIsFoundByItsSpellingAndNothingElseIsFound() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(WireValue.class));
        List<Class<?>> enums = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.sidedesk")) {
            Class<?> type =
                    ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            if (type.isEnum()) {
                enums.add(type);
            }
        }
        assertThat(enums).hasSizeGreaterThan(10).contains(Twice.class);
        assertThat(WireValue.find(Twice.class, "same")).isSameAs(Twice.FIRST);
        for (Class<?> type : enums) {
            check(type);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void check(Class<?> type) {
        Class raw = type;
        for (Object constant : type.getEnumConstants()) {
            String spelling = ((WireValue) constant).value();
            Object first = null;
            for (Object other : type.getEnumConstants()) {
                if (((WireValue) other).value().equals(spelling)) {
                    first = other;
                    break;
                }
            }
            assertThat(WireValue.find(raw, spelling)).as(type + " " + spelling).isSameAs(first);
            if (!spelling.equals(spelling.toUpperCase())) {
                assertThat(WireValue.find(raw, spelling.toUpperCase())).isNull();
            }
        }
        assertThat(WireValue.find(raw, "no such spelling")).isNull();
        assertThat(WireValue.find(raw, null)).isNull();
    }

    /** Two constants with one spelling: the first is found. */
    enum Twice implements WireValue {
        FIRST("same"),
        SECOND("same"),
        OTHER("other");

        private final String value;

        Twice(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
