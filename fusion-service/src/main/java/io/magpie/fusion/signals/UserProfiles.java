package io.magpie.fusion.signals;

import io.magpie.api.problem.FieldErrors;
import io.magpie.api.recs.Affinity;
import io.magpie.api.recs.ProfileItem;
import io.magpie.api.recs.UserProfile;
import io.magpie.fusion.config.SignalsConfig;
import io.magpie.fusion.store.UserProfileStore;
import io.magpie.fusion.store.UserProfileStore.ProductActivity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's profile from their stored events, read at request time (an index read of one user's rows): so a new
 * event changes the next recommendation and a privacy deletion leaves nothing behind. Category affinity weighs each
 * product by its strongest event (view 1, click 2, add_to_cart 3, purchase 4).
 */
@ApplicationScoped
public class UserProfiles {

    static final int MAX_ID_LENGTH = 200;

    private final UserProfileStore store;
    private final SignalsConfig config;

    public UserProfiles(UserProfileStore store, SignalsConfig config) {
        this.store = store;
        this.config = config;
    }

    public Uni<UserProfile> profile(String userId) {
        FieldErrors errors = new FieldErrors();
        if (userId == null || userId.isBlank() || userId.length() > MAX_ID_LENGTH) {
            errors.add("userId", "must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        errors.throwIfAny();
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(config.profileWindow());
        return store.recent(userId, since, config.profileItems()).map(activity -> toProfile(userId, activity));
    }

    static UserProfile toProfile(String userId, List<ProductActivity> activity) {
        List<ProfileItem> recent = activity.stream()
                .map(a -> new ProfileItem(
                        a.productId(),
                        UserProfileStore.TYPES_BY_STRENGTH.get(a.strength() - 1),
                        a.latest().toInstant()))
                .toList();
        List<String> purchased = activity.stream()
                .filter(a -> a.strength() == 4)
                .map(ProductActivity::productId)
                .toList();
        Map<String, Double> byCategory = new LinkedHashMap<>();
        double total = 0;
        for (ProductActivity a : activity) {
            if (a.category() != null) {
                byCategory.merge(a.category(), (double) a.strength(), Double::sum);
                total += a.strength();
            }
        }
        double sum = total;
        List<Affinity> categories = byCategory.entrySet().stream()
                .map(e -> new Affinity(e.getKey(), e.getValue() / sum))
                .sorted((a, b) -> Double.compare(b.share(), a.share()))
                .toList();
        return new UserProfile(userId, recent, purchased, categories);
    }
}
