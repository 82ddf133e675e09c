package io.sidedesk.database;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password in the form PostgreSQL stores it for {@code scram-sha-256} (RFC 5802 / 7677), computed here so
 * that the password itself never reaches the server: {@code ALTER ROLE ... PASSWORD '<verifier>'} and
 * initdb's {@code --pwfile} store a verifier as is, and a statement that PostgreSQL logs (on an error, say)
 * shows the verifier, never the password.
 */
final class ScramVerifier {

    // PostgreSQL's own defaults (scram_iterations, the length of the salt it generates).
    private static final int ITERATIONS = 4096;
    private static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramVerifier() {
    }

    /** The password must be ASCII without control characters (true of generated ones): SASLprep leaves it as is. */
    static String of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        try {
            byte[] saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
                .getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(saltedPassword, "Client Key"));
            byte[] serverKey = hmac(saltedPassword, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + ITERATIONS + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and PBKDF2 are part of every Java runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
