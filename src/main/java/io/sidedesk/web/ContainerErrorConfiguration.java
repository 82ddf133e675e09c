package io.sidedesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before any servlet runs (an illegal character in the request line, a bad
 * header) still get a problem+json body instead of Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    public static class ProblemErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String error = status < 500 ? "InvalidRequest" : "InternalError";
            String description =
                    status < 500 ? "The request cannot be served as sent" : "Something went wrong on our side";
            // The members every other problem has (no instance: the request line may not be readable at all).
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? (status < 500 ? "Bad Request" : "Error") : known.getReasonPhrase();
            String body = "{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + description
                    + "\",\"error\":\"" + error + "\",\"description\":\"" + description + "\"}";
            try {
                if (response.getHeader(RequestIdFilter.HEADER) == null) {
                    response.setHeader(
                            RequestIdFilter.HEADER, java.util.UUID.randomUUID().toString());
                }
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response is committed: nothing more to say.
            }
        }
    }
}
