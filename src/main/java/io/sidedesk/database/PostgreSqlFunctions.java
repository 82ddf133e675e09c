package io.sidedesk.database;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@code equals_any(x, :values)}: {@code x = any(?)} with one array parameter. Unlike {@code x in (:values)},
 * whose SQL changes with the number of values so that Hibernate translates the query anew on every call, the
 * statement is the same whatever the number (one cached translation, one prepared statement), and PostgreSQL
 * still uses the index on {@code x}. {@code overlaps(a, :array)}: {@code a && ?}, arrays sharing an element.
 * {@code links_child(parent, child, external id)}: a side conversation of the parent links the child.
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
        // links_child(parent id, child id, child external id): one of the parent's side conversations links the child
        // (R13: the child's external id is still the one written at creation). Views and search ask it of children
        // the caller may see, in a subquery over tickets, so that a hidden child tells nothing of itself.
        functions
                .getFunctionRegistry()
                .registerPattern(
                        "links_child",
                        "(exists (select 1 from side_conversations sc where sc.ticket_id = ?1"
                                + " and sc.child_ticket_id = ?2 and sc.child_external_id = ?3))",
                        bool);
        // child_of(id, parent): the ticket is the current child ticket of one of the parent's side conversations,
        // linked or not (B1's summary).
        functions
                .getFunctionRegistry()
                .registerPattern(
                        "child_of",
                        "(?1 in (select sc.child_ticket_id from side_conversations sc where sc.ticket_id = ?2))",
                        bool);
        // first_long_by(value, key, tie), first_text_by(value, key, tie): the value of the row whose key (then tie)
        // comes first (nulls last), an aggregate: the oldest unsolved child, or the one nearest its SLA breach, in
        // the summary's one statement.
        var bigint = functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.LONG);
        var text = functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.STRING);
        functions
                .getFunctionRegistry()
                .registerPattern("first_long_by", "((array_agg(?1 order by ?2, ?3))[1])", bigint);
        functions.getFunctionRegistry().registerPattern("first_text_by", "((array_agg(?1 order by ?2, ?3))[1])", text);
        // Search: the ticket's subject or one of its comments the caller may read (?4: internal ones too) holds the
        // words (plain: all of them; phrase: in that order; prefix: a word starting so), through their GIN indexes.
        // The query's text is bound (?2, ?3: the same text twice), never written into the statement.
        for (String[] mode : new String[][] {
            {"words_match", "plainto_tsquery"}, {"phrase_matches", "phraseto_tsquery"}, {"prefix_matches", "to_tsquery"}
        }) {
            functions
                    .getFunctionRegistry()
                    .registerPattern(
                            mode[0],
                            "(?1 in (select s.id from tickets s where s.subject_words @@ " + mode[1] + "('simple', ?2))"
                                    + " or ?1 in (select c.ticket_id from ticket_comments c where c.body_words @@ "
                                    + mode[1] + "('simple', ?3) and (c.\"public\" or ?4)))",
                            bool);
        }
        // is_child_of(id, parent, parent): one of the parent's side conversations made the ticket (its child now,
        // or one before a follow-up took its place, R20).
        functions
                .getFunctionRegistry()
                .registerPattern(
                        "is_child_of",
                        "(?1 in (select sc.child_ticket_id from side_conversations sc where sc.ticket_id = ?2"
                                + " and sc.child_ticket_id is not null) or ?1 in (select unnest(sc.earlier_child_ticket_ids)"
                                + " from side_conversations sc where sc.ticket_id = ?3))",
                        bool);
    }
}
