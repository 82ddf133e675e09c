package io.sidedesk.database;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@code equals_any(x, :values)}: {@code x = any(?)} with one array parameter. Unlike {@code x in (:values)},
 * whose SQL changes with the number of values so that Hibernate translates the query anew on every call, the
 * statement is the same whatever the number (one cached translation, one prepared statement), and PostgreSQL
 * still uses the index on {@code x}. {@code overlaps(a, :array)}: {@code a && ?}, arrays sharing an element.
 * {@code has_linked_child_in(id, :statuses)}: the ticket has a linked child in one of the statuses.
 * Registered through {@code META-INF/services}.
 */
public class PostgreSqlFunctions implements FunctionContributor {

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        var bool = functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.BOOLEAN);
        functions.getFunctionRegistry().registerPattern("equals_any", "(?1 = any(?2))", bool);
        // overlaps(column, :array): the two arrays share an element (a GIN index on the column serves it).
        functions.getFunctionRegistry().registerPattern("overlaps", "(?1 && ?2)", bool);
        // overlaps_text(column, :texts): the same for a text[] column (the driver binds strings as varchar[]).
        functions.getFunctionRegistry().registerPattern("overlaps_text", "(?1 && cast(?2 as text[]))", bool);
        // has_linked_child_in(ticket id, :statuses): the ticket has a child ticket whose link holds (R13: its
        // external id is still the one written at creation), not deleted, in one of the statuses (views, search).
        functions
                .getFunctionRegistry()
                .registerPattern(
                        "has_linked_child_in",
                        "(exists (select 1 from side_conversations sc join tickets c on c.id = sc.child_ticket_id"
                                + " where sc.ticket_id = ?1 and c.external_id = sc.child_external_id"
                                + " and not c.deleted and c.status = any(?2)))",
                        bool);
    }
}
