package io.magpie.api.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class or method that only admin keys may call ({@code Authorization: Bearer <key>}).
 * Enforced by {@link AdminOnlyFilter} in every service, so an internal endpoint stays guarded even when it is
 * reached without going through the gateway.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
