package io.magpie.encoder.service;

/** The vector of one text, and whether the text was cut to the model's maximum first. */
record EncodedText(float[] vector, boolean truncated) {}
