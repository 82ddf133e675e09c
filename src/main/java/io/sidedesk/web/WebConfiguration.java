package io.sidedesk.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

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
