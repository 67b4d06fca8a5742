package io.magpie.gateway.console;

import com.fasterxml.jackson.core.type.TypeReference;
import io.magpie.api.catalog.DeadLetter;
import io.magpie.api.catalog.IndexingStatus;
import io.magpie.api.catalog.ReindexStatus;
import io.magpie.api.encoder.ActivateModelRequest;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.fusion.ActivateFusionModel;
import io.magpie.api.fusion.FusionModelList;
import io.magpie.gateway.client.AdminApiClient.Service;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The console's operations page: indexing lag and dead letters (catalogue), reindex, encoder and fusion model
 * versions, each read from the service that owns it with the signed-in user's admin key.
 */
@ApplicationScoped
public class OperationsConsole {

    /** Everything the page shows; a part whose service did not answer carries its problem instead. */
    public record Overview(
            ApiOutcome<IndexingStatus> indexing,
            ApiOutcome<List<DeadLetter>> deadLetters,
            ApiOutcome<ReindexStatus> reindex,
            ApiOutcome<ModelList> encoderModels,
            ApiOutcome<FusionModelList> fusionModels) {

        /** The latest evaluation report, from the two model registries' answers. */
        public EvaluationReport evaluation() {
            return EvaluationReport.of(fusionModels.value(), encoderModels.value());
        }
    }

    private final ConsoleApiCalls calls;

    public OperationsConsole(ConsoleApiCalls calls) {
        this.calls = calls;
    }

    public Uni<Overview> overview(ConsoleSession user) {
        return Uni.combine()
                .all()
                .unis(
                        calls.get(
                                Service.CATALOGUE,
                                user,
                                "/v1/products/indexing",
                                new TypeReference<IndexingStatus>() {}),
                        calls.get(
                                Service.CATALOGUE,
                                user,
                                "/v1/products/dead-letters",
                                new TypeReference<List<DeadLetter>>() {}),
                        reindex(user),
                        calls.get(Service.ENCODER, user, "/v1/models", new TypeReference<ModelList>() {}),
                        calls.get(Service.FUSION, user, "/v1/admin/models", new TypeReference<FusionModelList>() {}))
                .with(Overview::new);
    }

    public Uni<ApiOutcome<ReindexStatus>> reindex(ConsoleSession user) {
        return calls.get(Service.CATALOGUE, user, "/v1/reindex", new TypeReference<>() {});
    }

    public Uni<ApiOutcome<ReindexStatus>> startReindex(ConsoleSession user) {
        return calls.send(Service.CATALOGUE, user, "POST", "/v1/reindex", null, null, ReindexStatus.class);
    }

    public Uni<ApiOutcome<Void>> retryDeadLetter(ConsoleSession user, String productId) {
        return calls.send(
                Service.CATALOGUE,
                user,
                "POST",
                "/v1/products/dead-letters/" + pathSegment(productId) + "/retry",
                null,
                null,
                Void.class);
    }

    public Uni<ApiOutcome<Void>> discardDeadLetter(ConsoleSession user, String productId) {
        return calls.send(
                Service.CATALOGUE,
                user,
                "DELETE",
                "/v1/products/dead-letters/" + pathSegment(productId),
                null,
                null,
                Void.class);
    }

    /** Activating an older version is the rollback. */
    public Uni<ApiOutcome<Void>> activateEncoder(ConsoleSession user, String name, String version) {
        return calls.send(
                Service.ENCODER,
                user,
                "PUT",
                "/v1/admin/models/" + pathSegment(name) + "/active",
                null,
                new ActivateModelRequest(version),
                Void.class);
    }

    public Uni<ApiOutcome<Void>> activateFusion(ConsoleSession user, String model) {
        return calls.send(
                Service.FUSION,
                user,
                "PUT",
                "/v1/admin/models/active",
                null,
                new ActivateFusionModel(model),
                Void.class);
    }

    /** Back to the version active before the current one (or to the fixed strategy). */
    public Uni<ApiOutcome<Void>> rollbackFusion(ConsoleSession user) {
        return calls.send(Service.FUSION, user, "POST", "/v1/admin/models/active/rollback", null, null, Void.class);
    }

    private static String pathSegment(String value) {
        return GraphConsole.encode(value).replace("+", "%20");
    }
}
