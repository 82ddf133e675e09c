package io.sidedesk.access;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's character rules, checked by a loop, accept exactly what Spring Security's own patterns accept
 * ({@code StrictHttpFirewall}'s defaults), for every code point and for strings of several.
 */
class FirewallConfigurationTests {

    // StrictHttpFirewall's patterns: header names and parameter names; header values (a tab allowed).
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsSpringSecurityJudgesIt() {
        int differences = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "z";
            if (FirewallConfiguration.assignedNoControl(text, false)
                            != NAMES.matcher(text).matches()
                    || FirewallConfiguration.assignedNoControl(text, true)
                            != VALUES.matcher(text).matches()) {
                differences++;
            }
        }
        assertThat(differences).isZero();
    }

    @Test
    void stringsAreJudgedWhole() {
        for (String text : new String[] {
            "",
            "application/json",
            "Basic dXNlcjpwYXNz",
            "en\tfr",
            "caf\u00e9",
            "a\u0085b",
            "\u0000",
            "x\u007f",
            "\ud83d\ude00 emoji",
            "lone \ud83d surrogate",
            "\u0378 unassigned",
            "\t",
            "line\nbreak"
        }) {
            assertThat(FirewallConfiguration.assignedNoControl(text, false))
                    .as(text)
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(FirewallConfiguration.assignedNoControl(text, true))
                    .as(text)
                    .isEqualTo(VALUES.matcher(text).matches());
        }
        assertThat(FirewallConfiguration.assignedNoControl("en\tfr", true)).isTrue();
        assertThat(FirewallConfiguration.assignedNoControl("a\u0085b", true)).isFalse();
    }
}
