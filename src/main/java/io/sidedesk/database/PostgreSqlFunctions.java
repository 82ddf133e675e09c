package io.sidedesk.database;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@code equals_any(x, :values)}: {@code x = any(?)} with one array parameter. Unlike {@code x in (:values)},
 * whose SQL changes with the number of values so that Hibernate translates the query anew on every call, the
 * statement is the same whatever the number (one cached translation, one prepared statement), and PostgreSQL
 * still uses the index on {@code x}. {@code overlaps(a, :array)}: {@code a && ?}, arrays sharing an element.
 * Registered through {@code META-INF/services}.
 */
public class PostgreSqlFunctions implements FunctionContributor {

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        var bool = functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.BOOLEAN);
        functions.getFunctionRegistry().registerPattern("equals_any", "(?1 = any(?2))", bool);
        // overlaps(column, :array): the two arrays share an element (a GIN index on the column serves it).
        functions.getFunctionRegistry().registerPattern("overlaps", "(?1 && ?2)", bool);
    }
}
