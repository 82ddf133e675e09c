package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.sideconversation.SideConversations;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketMacros;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;

/**
 * Macros applied in a ticket update ({@code macro_id}, {@code macro_ids}): the members they set go through the update's
 * own checks for the caller, and each side conversation they open through the side conversation feature's (R16), in the
 * update's transaction; a refusal names the macro's action and nothing is written.
 */
@Component
class MacroApplier implements TicketMacros {

    private final Macros macros;
    private final MacroEffects effects;
    private final SideConversations sideConversations;

    MacroApplier(Macros macros, MacroEffects effects, SideConversations sideConversations) {
        this.macros = macros;
        this.effects = effects;
        this.sideConversations = sideConversations;
    }

    @Override
    public Application apply(Actor actor, Ticket ticket, List<Long> macroIds, String member) {
        List<Macro> applied = macros.forApplying(actor, macroIds, member);
        MacroEffects.Effect effect = effects.of(actor, ticket, applied);
        return new Application() {

            @Override
            public Map<String, Object> ticket() {
                return effect.ticket();
            }

            @Override
            public Map<String, String> places() {
                return effect.places();
            }

            @Override
            public List<AuditEvent> references() {
                return applied.stream().map(MacroApplier::reference).toList();
            }

            @Override
            public List<AuditEvent> open(Ticket changed) {
                List<AuditEvent> opened = new ArrayList<>();
                for (MacroEffects.Opening opening : effect.openings()) {
                    opened.add(openOne(actor, changed, opening));
                }
                return opened;
            }
        };
    }

    /** R16: opened as the caller would by hand; a refusal names the action instead of the message's participant. */
    private AuditEvent openOne(Actor actor, Ticket ticket, MacroEffects.Opening opening) {
        String action = "Macro " + opening.macro().getId() + " (\""
                + opening.macro().getTitle() + "\"), " + opening.place() + " (side_conversation_ticket)";
        try {
            return sideConversations.openForUpdate(
                    actor,
                    ticket.getId(),
                    opening.subject(),
                    opening.body(),
                    opening.html(),
                    opening.groupId(),
                    opening.agentId(),
                    opening.copyFields());
        } catch (ActionForbidden refused) {
            throw new ActionForbidden(action + ": " + refused.getMessage());
        } catch (RecordInvalid refused) {
            Map<String, List<String>> details = new LinkedHashMap<>();
            refused.details()
                    .forEach((field, messages) -> details.computeIfAbsent(opening.place(), place -> new ArrayList<>())
                            .addAll(messages.stream()
                                    .map(message -> describe(field) + " " + message)
                                    .toList()));
            throw new RecordInvalid(details);
        }
    }

    /** What a side conversation's refusal names, as the macro's action says it. */
    private static String describe(String field) {
        if (field.endsWith("support_group_id")) {
            return "side_conversation_ticket: the group";
        }
        if (field.endsWith("support_agent_id")) {
            return "side_conversation_ticket: the agent";
        }
        return "side_conversation_ticket (" + field + "):";
    }

    /** Zendesk's record of a macro on the update's audit ({@code macro_deleted}: Zendesk's, always false here). */
    private static AuditEvent reference(Macro macro) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("macro_id", macro.getId());
        // The title only of a macro everyone may use: a restricted macro's title is for those it is restricted to,
        // and the ticket's audits are read by everyone who may see the ticket.
        members.put("macro_title", macro.restriction().type() == null ? macro.getTitle() : null);
        members.put("macro_deleted", false);
        return AuditEvent.of("AgentMacroReference", members);
    }
}
