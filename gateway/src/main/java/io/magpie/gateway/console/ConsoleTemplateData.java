package io.magpie.gateway.console;

import io.magpie.api.catalog.DeadLetter;
import io.magpie.api.catalog.IndexingStatus;
import io.magpie.api.catalog.ReindexStatus;
import io.magpie.api.encoder.ModelInfo;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.encoder.ModelVersionInfo;
import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.graph.admin.AuditPage;
import io.magpie.api.graph.admin.ComplementsPreview;
import io.magpie.api.graph.admin.ImportReport;
import io.magpie.api.graph.admin.Neighbourhood;
import io.magpie.api.graph.admin.NodeMatch;
import io.magpie.api.graph.admin.NodeView;
import io.magpie.api.graph.admin.RelatedProducts;
import io.magpie.api.graph.admin.RelationView;
import io.quarkus.qute.TemplateData;

/** The contracts the console's templates read: Qute resolves their properties without reflection. */
@TemplateData(target = NodeMatch.class)
@TemplateData(target = NodeView.class)
@TemplateData(target = RelationView.class)
@TemplateData(target = Neighbourhood.class)
@TemplateData(target = Neighbourhood.Neighbour.class)
@TemplateData(target = ComplementsPreview.class)
@TemplateData(target = ComplementsPreview.ProductComparison.class)
@TemplateData(target = ComplementsPreview.Move.class)
@TemplateData(target = RelatedProducts.class)
@TemplateData(target = RelatedProducts.Item.class)
@TemplateData(target = AuditPage.class)
@TemplateData(target = AuditEntry.class)
@TemplateData(target = ImportReport.class)
@TemplateData(target = ImportReport.ImportLine.class)
@TemplateData(target = IndexingStatus.class)
@TemplateData(target = ReindexStatus.class)
@TemplateData(target = DeadLetter.class)
@TemplateData(target = ModelList.class)
@TemplateData(target = ModelInfo.class)
@TemplateData(target = ModelVersionInfo.class)
@TemplateData(target = FusionModelList.class)
@TemplateData(target = FusionModelInfo.class)
@TemplateData(target = FusionModelActivation.class)
@TemplateData(target = OperationsConsole.Overview.class)
final class ConsoleTemplateData {

    private ConsoleTemplateData() {}
}
