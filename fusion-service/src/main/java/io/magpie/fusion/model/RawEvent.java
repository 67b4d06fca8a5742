package io.magpie.fusion.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as read from a request body, before validation.
 *
 * @param index      its place in the batch, from 0
 * @param line       its line in an NDJSON body, from 1; null for a JSON array
 * @param json       the event's JSON, or null when it could not be read
 * @param parseError why it could not be read (a malformed NDJSON line), else null
 */
public record RawEvent(int index, Long line, JsonNode json, String parseError) {}
