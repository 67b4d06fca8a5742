package io.magpie.api.retrieval;

/**
 * The outcome of a bulk write of collaborative vectors.
 *
 * @param written   vectors inserted or replaced
 * @param dimension the collection's vector dimension
 */
public record ItemVectorWriteResult(int written, int dimension) {}
