package io.magpie.eval.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The key a command sends as {@code Authorization: Bearer <key>}: admin endpoints need an admin key, and choosing
 * a search's sources or strategy needs a trusted one (admin keys are trusted). Shared by the commands as a mixin.
 */
public class KeyOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--admin-key",
            defaultValue = "${env:MAGPIE_ADMIN_KEY}",
            description = "admin (or trusted) key; default: $MAGPIE_ADMIN_KEY, else the file of --admin-key-file")
    String key;

    @Option(
            names = "--admin-key-file",
            defaultValue = ".magpie/stack/admin-key",
            description = "file holding the key (the local stack writes its admin key there)")
    Path keyFile;

    /** The key, or a usage error (exit status 2) saying how to give one. */
    public String required() throws IOException {
        String key = keyOrNull();
        if (key == null) {
            throw new ParameterException(
                    command.commandLine(),
                    "no admin key: give --admin-key, set MAGPIE_ADMIN_KEY or point --admin-key-file at one");
        }
        return key;
    }

    /** The key, or null when neither the option, the environment nor the file gives one. */
    public String keyOrNull() throws IOException {
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        return keyFile != null && Files.isRegularFile(keyFile)
                ? Files.readString(keyFile, StandardCharsets.UTF_8).strip()
                : null;
    }
}
