package io.sidedesk.access;

/**
 * Counts failed authentications per email and client address, and per client address. Implemented by the rate
 * limits when they are on; without them nothing is counted or refused. The budgets are keyed by the client's
 * address, so nobody can spend the budget of another address: valid credentials always authenticate from
 * where their user is, whatever others send with the same email.
 */
public interface LoginFailures {

    LoginFailures NONE = new LoginFailures() {

        @Override
        public long blockedFor(String email, String address) {
            return 0;
        }

        @Override
        public long failed(String email, String address) {
            return 0;
        }
    };

    /**
     * Seconds until {@code email} may try again from {@code address} (answered 429 before its credentials are
     * checked), or 0 when it may try now.
     */
    long blockedFor(String email, String address);

    /**
     * Counts a failed authentication of {@code email} (null when the credentials named none) from
     * {@code address}. Returns 0 while the failures are within their budgets (answered 401), else the seconds
     * until the budget refills (answered 429 with {@code Retry-After}).
     */
    long failed(String email, String address);
}
