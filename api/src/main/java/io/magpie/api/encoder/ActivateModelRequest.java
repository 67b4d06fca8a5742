package io.magpie.api.encoder;

/** Body of {@code PUT /v1/admin/models/{name}/active}: the version to serve from now on. */
public record ActivateModelRequest(String version) {}
