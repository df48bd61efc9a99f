package com.wixanswers.wfm.doctor;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's published API document, Swagger 2.0 or OpenAPI 3.x, read with swagger-parser ({@code $ref}s resolved):
 * found from its Swagger UI page as Calabrio publishes it ({@code url} or {@code urls} in the page's configuration,
 * as Swashbuckle writes it, or in the {@code swagger-initializer.js} it loads), or named by the operator.
 */
final class ApiDocument {
    /** {@code url: "..."}, {@code "url":"..."}: the document a Swagger UI configuration names. */
    private static final Pattern CONFIGURED = Pattern.compile("[\"']?url[\"']?\\s*:\\s*[\"']([^\"']+)[\"']");
    private static final Pattern INITIALIZER = Pattern.compile("src\\s*=\\s*[\"']([^\"']*swagger-initializer\\.js)");
    /** The sample document a Swagger UI page names until it is configured. */
    private static final String SAMPLE = "petstore.swagger.io";

    private final OpenAPI api;
    private final String location;

    private ApiDocument(OpenAPI api, String location) {
        this.api = api;
        this.location = location;
    }

    /** The document could not be found or read: why. */
    static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why);
        }
    }

    /** The document behind the Swagger UI {@code page}, its text fetched with {@code get}. */
    static ApiDocument discover(URI page, Function<URI, String> get) throws Unreadable {
        String html = get.apply(page);
        List<URI> candidates = configured(html, page);
        if (candidates.isEmpty()) {
            Matcher script = INITIALIZER.matcher(html);
            URI initializer = page.resolve(script.find() ? script.group(1) : "swagger-initializer.js");
            candidates = configured(get.apply(initializer), initializer);
        }
        if (candidates.isEmpty()) {
            throw new Unreadable(page + " names no API document (no url in its configuration or in"
                    + " swagger-initializer.js)");
        }
        List<String> problems = new ArrayList<>();
        for (URI candidate : candidates) {
            try {
                return parse(get.apply(candidate), candidate.toString());
            } catch (Unreadable e) {
                problems.add(e.getMessage());
            }
        }
        throw new Unreadable(String.join("; ", problems));
    }

    /** The document the operator named: an http(s) URL, or a file they downloaded. */
    static ApiDocument named(String spec, Function<URI, String> get) throws Unreadable {
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            return parse(get.apply(URI.create(spec)), spec);
        }
        try {
            return parse(Files.readString(Path.of(spec)), spec);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + spec + " (" + e.getClass().getSimpleName() + ")");
        } catch (UncheckedIOException e) {
            throw new Unreadable("cannot read " + spec);
        }
    }

    private static List<URI> configured(String text, URI base) {
        Set<URI> urls = new LinkedHashSet<>();
        Matcher url = CONFIGURED.matcher(text);
        while (url.find()) {
            if (!url.group(1).contains(SAMPLE)) {
                urls.add(base.resolve(url.group(1).strip()));
            }
        }
        return new ArrayList<>(urls);
    }

    static ApiDocument parse(String text, String location) throws Unreadable {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        // The parser makes an empty document of any JSON; one without paths describes nothing to compare.
        if (result == null || result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null
                || result.getOpenAPI().getPaths().isEmpty()) {
            List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
            throw new Unreadable(location + " is not a Swagger 2.0 or OpenAPI 3 document"
                    + (messages.isEmpty() ? "" : ": " + messages.get(0)));
        }
        return new ApiDocument(result.getOpenAPI(), location);
    }

    String location() {
        return location;
    }

    /** A POST the document describes: the path as the document writes it, and whether only its letter case differs. */
    record Post(String path, Operation operation, boolean otherCase, boolean templated) {
    }

    /**
     * The POST whose full path (the server's path, then the operation's) is {@code path}: exactly, else in another
     * letter case, else through a path template ({@code /command/{name}}), whose body then describes every call.
     */
    Optional<Post> post(String path) {
        Post otherCase = null;
        Post templated = null;
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            Operation post = entry.getValue().getPost();
            if (post == null) {
                continue;
            }
            String full = serverPath() + entry.getKey();
            if (full.equals(path)) {
                return Optional.of(new Post(full, post, false, false));
            }
            if (full.equalsIgnoreCase(path) && otherCase == null) {
                otherCase = new Post(full, post, true, false);
            } else if (full.contains("{") && templated == null && path.matches(
                    Pattern.quote(full).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q"))) {
                templated = new Post(full, post, false, true);
            }
        }
        return Optional.ofNullable(otherCase != null ? otherCase : templated);
    }

    /**
     * The JSON schema of an operation's request body (a Swagger 2.0 body parameter without {@code consumes} reads as
     * any type, {@code *}{@code /*}), or null when it describes none.
     */
    static Schema<?> requestSchema(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        Schema<?> anyType = null;
        for (Map.Entry<String, MediaType> content : operation.getRequestBody().getContent().entrySet()) {
            String type = content.getKey().toLowerCase(Locale.ROOT);
            Schema<?> schema = content.getValue().getSchema();
            if (type.contains("json") && schema != null) {
                return schema;
            }
            if (type.equals("*/*") && schema != null) {
                anyType = schema;
            }
        }
        return anyType;
    }

    /** The path of the document's first server ({@code /historical-data/api/v1}), without a trailing slash. */
    private String serverPath() {
        List<Server> servers = api.getServers();
        if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
            return "";
        }
        String url = servers.get(0).getUrl().replaceAll("\\{[^}]*}", "x");
        String path = url.startsWith("/") ? url : URI.create(location.startsWith("http") ? location
                : "http://x/").resolve(url).getPath();
        path = path == null ? "" : path;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
