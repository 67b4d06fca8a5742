package io.magpie.encoder.model;

import io.magpie.encoder.model.hf.ModelDescriptor;

/**
 * Everything a sentence encoder is made of, whatever file it came from (the built-in ONNX artifact or a
 * Hugging Face folder) and wherever it goes (the serving encoder, the fine-tuning job, a new folder).
 *
 * @param config        the network's sizes
 * @param parameters    its weights, in the manager the reader was given
 * @param tokenizerJson the Hugging Face {@code tokenizer.json}, as bytes
 * @param descriptor    name, version, pooling, normalisation, limits and prefixes
 */
public record BertCheckpoint(
        BertConfig config, BertParameters parameters, byte[] tokenizerJson, ModelDescriptor descriptor) {}
