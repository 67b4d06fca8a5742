package io.magpie.encoder.rest;

import io.magpie.api.encoder.BinaryVectors;
import io.magpie.api.encoder.EncodeResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes encode responses in the compact binary form to callers that accept only that. */
@Provider
@Produces(BinaryVectors.MEDIA_TYPE)
public class BinaryVectorsWriter implements MessageBodyWriter<EncodeResponse> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return EncodeResponse.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            EncodeResponse response,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        out.write(BinaryVectors.write(response));
    }
}
