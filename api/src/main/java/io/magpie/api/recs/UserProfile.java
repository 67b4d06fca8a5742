package io.magpie.api.recs;

import java.util.List;

/**
 * What fusion-service knows of a shopper from their stored events (read at request time, so a new event shows at
 * once and a privacy deletion removes it).
 *
 * @param userId     the shopper
 * @param recent     distinct products the shopper acted on, most recent first
 * @param purchased  products the shopper bought (within the profile's window), most recent first
 * @param categories category affinity, largest share first
 */
public record UserProfile(String userId, List<ProfileItem> recent, List<String> purchased, List<Affinity> categories) {

    public boolean isEmpty() {
        return recent.isEmpty();
    }
}
