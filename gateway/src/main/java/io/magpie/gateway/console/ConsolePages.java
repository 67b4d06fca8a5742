package io.magpie.gateway.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How console pages answer: rendered HTML with a status, or a redirect after a change (post/redirect/get). */
public final class ConsolePages {

    public static final String HTML = "text/html;charset=UTF-8";

    private ConsolePages() {}

    /** Renders on the calling thread: templates read only data already fetched, no I/O. */
    public static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .type(HTML)
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .entity(page.render())
                .build();
    }

    public static Response page(TemplateInstance page) {
        return page(200, page);
    }

    public static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
