package io.sidedesk.access;

/**
 * Counts failed authentications, per email and per client address. Implemented by the rate limits when they
 * are on; without them nothing is counted. Only failures are counted: valid credentials always authenticate,
 * whatever others send with the same email or from the same address.
 */
public interface LoginFailures {

    LoginFailures NONE = (email, address) -> 0;

    /**
     * Counts a failed authentication of {@code email} (null when the credentials named none) from
     * {@code address}. Returns 0 while the failures are within their budget (answered 401), else the seconds
     * until the budget refills (answered 429 with {@code Retry-After}).
     */
    long failed(String email, String address);
}
