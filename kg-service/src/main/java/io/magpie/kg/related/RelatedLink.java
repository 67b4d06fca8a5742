package io.magpie.kg.related;

/**
 * One reason why a product is related to the one asked about.
 *
 * @param id     the related product
 * @param title  its title, may be null
 * @param score  what this link adds to its score
 * @param path   the link as a graph path
 * @param reason the link in words
 */
record RelatedLink(String id, String title, double score, String path, String reason) {}
