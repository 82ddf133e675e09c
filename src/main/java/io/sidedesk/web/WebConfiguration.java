package io.sidedesk.web;

import java.beans.PropertyEditorSupport;
import java.lang.annotation.ElementType;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.hibernate.validator.HibernateValidatorConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Every data binder of Spring MVC, as Spring Boot makes it (the MVC conversion service and validator), with ids
     * and numbers in paths and queries read as ASCII decimal: Spring's default editor would also take {@code 0x} hex
     * and other scripts' digits, so one id would have many spellings. An initializer rather than an
     * {@code @InitBinder} method on an advice, which Spring wraps in a new handler method for every request. Spring
     * Boot takes this bean in place of its own, which would also apply {@code spring.mvc.message-codes-resolver-format}
     * (not used here: problems name their fields themselves).
     */
    @Bean
    ConfigurableWebBindingInitializer webBindingInitializer(
            @Qualifier("mvcConversionService") FormattingConversionService conversionService,
            @Qualifier("mvcValidator") Validator validator) {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversionService);
        initializer.setValidator(validator);
        initializer.setPropertyEditorRegistrar(registry -> {
            // An editor holds the value it converts, so each binder has its own.
            PropertyEditorSupport decimal = new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    setValue(DecimalIds.parse(text));
                }
            };
            registry.registerCustomEditor(long.class, decimal);
            registry.registerCustomEditor(Long.class, decimal);
        });
        return initializer;
    }

    /** Query parameters spelled as the dialect spells them ({@code ?role=end-user}). */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new ConverterFactory<String, Enum<?>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public <T extends Enum<?>> Converter<String, T> getConverter(Class<T> type) {
                if (WireValue.class.isAssignableFrom(type)) {
                    return value -> value.isEmpty() ? null : (T) WireValue.parse((Class) type, value.strip());
                }
                return value -> value.isEmpty() ? null : (T) Enum.valueOf((Class) type, value.strip());
            }
        });
    }

    /**
     * Bean validation walks every property it may reach. With JPA on the class path, Hibernate Validator asks the
     * persistence providers, for each property of each object it validates, whether it is loaded; what it validates
     * here are request bodies, never entities, so every property is reachable. (The ORM validates entities with its
     * own resolver.)
     */
    @Bean
    ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> {
            configuration.traversableResolver(EveryPropertyReachable.INSTANCE);
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.enableTraversableResolverResultCache(false); // nothing to cache
            }
        };
    }

    private enum EveryPropertyReachable implements TraversableResolver {
        INSTANCE;

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PagingResolver());
    }

    static final class PagingResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Paging.class;
        }

        @Override
        public Paging resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest,
                WebDataBinderFactory binderFactory) {
            return Paging.from(webRequest.getNativeRequest(HttpServletRequest.class));
        }
    }
}
