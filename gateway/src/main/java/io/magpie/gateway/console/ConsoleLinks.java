package io.magpie.gateway.console;

/** Addresses of console pages, with their query values encoded. */
public final class ConsoleLinks {

    private ConsoleLinks() {}

    public static String node(String ref) {
        return "/admin/graph/node?ref=" + GraphConsole.encode(ref);
    }

    public static String relation(String type, String from, String to) {
        return "/admin/graph/relation?type=" + GraphConsole.encode(type) + "&from=" + GraphConsole.encode(from) + "&to="
                + GraphConsole.encode(to);
    }

    public static String audit(String entity) {
        return "/admin/audit?entity=" + GraphConsole.encode(entity);
    }
}
