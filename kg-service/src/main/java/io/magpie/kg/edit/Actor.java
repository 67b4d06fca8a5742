package io.magpie.kg.edit;

import io.magpie.api.security.AdminActor;

/**
 * Who made an edit, as the audit log names them: the actor that {@code AdminOnlyFilter} verified and left in
 * {@value AdminActor#HEADER}, a configured key's fingerprint or the stored key the gateway vouched for
 * (docs/adr/0029); never a key itself.
 */
public final class Actor {

    private Actor() {}

    /** The verified actor of an admin request; {@code anonymous} where no admin check ran. */
    public static String of(String verifiedActor) {
        return verifiedActor == null || verifiedActor.isBlank() ? "anonymous" : verifiedActor;
    }
}
