package io.sidedesk.floor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plain-JDBC floor (bench/README.md), not part of the service: bench/bench.py compiles it against the
 * extracted jar and puts it on the load service's class path, so that it runs in the same JVM as the service,
 * behind the same Tomcat, filters, Spring Security (authentication's one statement included) and Spring MVC.
 *
 * <p>For each captured request of a workload it replays the statements the service sent after authenticating,
 * in the same order and transactions, each parameter bound as the captured value (untyped, as PostgreSQL infers
 * it), with what must be new on every execution drawn anew (UUIDs, sequence values, the row version an update
 * checks). It parses the request's JSON body, reads every row each statement returns, and writes them as JSON:
 * what an implementation of the same statements with no ORM, no rules and no events would do. The plans come
 * from {@code sidedesk.floor.plans}, a JSON file {workload: [[statement, ...] per target]}.
 */
@RestController
class FloorController {

    private static final Pattern FRESH_ELEMENT = Pattern.compile("%(\\d+)%");

    private final DataSource dataSource;
    private final Map<String, List<List<Statement>>> plans;

    FloorController(DataSource dataSource, JsonMapper json, @Value("${sidedesk.floor.plans}") Path plans)
            throws IOException {
        this.dataSource = dataSource;
        Map<String, List<List<Statement>>> read = new HashMap<>();
        JsonNode root = json.readTree(Files.readString(plans));
        for (Map.Entry<String, JsonNode> workload : root.properties()) {
            List<List<Statement>> targets = new ArrayList<>();
            for (JsonNode target : workload.getValue()) {
                List<Statement> statements = new ArrayList<>();
                for (JsonNode statement : target) {
                    List<Parameter> parameters = new ArrayList<>();
                    for (JsonNode parameter : statement.get("params")) {
                        parameters.add(new Parameter(
                                parameter.get("kind").asString(),
                                parameter.get("value").isNull() ? null : parameter.get("value").asString()));
                    }
                    JsonNode gset = statement.get("gset");
                    statements.add(new Statement(
                            statement.get("sql").asString(), parameters, gset.isNull() ? null : gset.asString()));
                }
                targets.add(statements);
            }
            read.put(workload.getKey(), targets);
        }
        this.plans = read;
    }

    record Parameter(String kind, String value) {}

    record Statement(String sql, List<Parameter> params, String gset) {}

    @RequestMapping("/api/v2/floor/{workload}/{target}")
    Map<String, Object> replay(
            @PathVariable String workload, @PathVariable int target, @RequestBody(required = false) JsonNode body)
            throws SQLException {
        List<Statement> plan = plans.get(workload).get(target);
        Map<String, String> variables = new HashMap<>();
        Map<String, String> uuids = new HashMap<>();
        List<Object> results = new ArrayList<>();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            for (Statement statement : plan) {
                switch (statement.sql()) {
                    case "BEGIN" -> connection.setAutoCommit(false);
                    case "BEGIN READ ONLY" -> {
                        connection.setReadOnly(true);
                        connection.setAutoCommit(false);
                    }
                    case "COMMIT" -> {
                        connection.commit();
                        connection.setAutoCommit(true);
                        connection.setReadOnly(false);
                    }
                    default -> results.add(execute(connection, statement, variables, uuids));
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request", body);
        response.put("results", results);
        return response;
    }

    private static List<Map<String, Object>> execute(
            Connection connection, Statement statement, Map<String, String> variables, Map<String, String> uuids)
            throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            int index = 1;
            for (Parameter parameter : statement.params()) {
                String value =
                        switch (parameter.kind()) {
                            case "lit" -> parameter.value();
                            case "uuid" -> uuids.computeIfAbsent(
                                    parameter.value(), n -> UUID.randomUUID().toString());
                            // A uuid[] literal whose elements written %n% are drawn anew (bench/replay.py).
                            case "uuids" -> FRESH_ELEMENT.matcher(parameter.value()).replaceAll(element ->
                                    uuids.computeIfAbsent(element.group(1), n -> UUID.randomUUID().toString()));
                            case "var" -> variables.get(parameter.value());
                            case "var+1" -> Long.toString(Long.parseLong(variables.get(parameter.value())) + 1);
                            default -> throw new IllegalStateException("parameter kind " + parameter.kind());
                        };
                if (value == null) {
                    prepared.setNull(index++, Types.OTHER);
                } else {
                    prepared.setObject(index++, value, Types.OTHER);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            if (prepared.execute()) {
                try (ResultSet result = prepared.getResultSet()) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            Object value = result.getObject(c);
                            row.put(columns.getColumnLabel(c), value instanceof java.sql.Array array
                                    ? array.getArray()
                                    : value == null || value instanceof Number || value instanceof Boolean
                                            ? value
                                            : value.toString());
                        }
                        if (statement.gset() != null && rows.isEmpty()) {
                            row.forEach((name, value) ->
                                    variables.put(statement.gset() + name, value == null ? null : value.toString()));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }
}
