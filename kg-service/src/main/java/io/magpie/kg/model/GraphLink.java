package io.magpie.kg.model;

/**
 * One path from a seed product to a neighbour: {@code (seed)-[rel]->(via)<-[rel]-(neighbour)}.
 *
 * @param seedPosition where the seed stands in the request (0 = most relevant)
 * @param seedId       the seed product
 * @param neighbourId  the linked product
 * @param relation     what they share
 * @param via          the shared node's name (category name or brand name)
 */
public record GraphLink(int seedPosition, String seedId, String neighbourId, Relation relation, String via) {
}
