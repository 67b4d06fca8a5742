package io.magpie.api.search;

/** Limits of a shopper's query text, the same at the gateway and in every service that receives it. */
public final class QueryText {

    /** The longest query, in characters: longer ones are refused (400), not cut. */
    public static final int MAX_LENGTH = 500;

    private QueryText() {}
}
