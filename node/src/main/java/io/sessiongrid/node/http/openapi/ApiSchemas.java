package io.sessiongrid.node.http.openapi;

/**
 * References to the shared schemas of {@code src/main/openapi/components.yml}, for the controllers'
 * OpenAPI annotations (bodies are raw bytes, so the document cannot infer them).
 */
public final class ApiSchemas {

    private static final String BASE = "#/components/schemas/";
    public static final String SESSION = BASE + "Session";
    public static final String NEW_SESSION = BASE + "NewSession";
    public static final String STATE_PATCH = BASE + "StatePatch";
    public static final String EVENT = BASE + "Event";
    public static final String WORKER_CHOICE = BASE + "WorkerChoice";
    public static final String NEW_ID = BASE + "NewId";
    public static final String NEW_OWNER = BASE + "NewOwner";
    public static final String WORKERS = BASE + "Workers";
    public static final String REROUTE = BASE + "Reroute";
    public static final String SWEEP_IDLE = BASE + "SweepIdle";
    public static final String SESSION_PAGE = BASE + "SessionPage";
    public static final String EVENT_PAGE = BASE + "EventPage";
    public static final String LAYER_STATE = BASE + "LayerState";
    public static final String APP_LISTING = BASE + "AppListing";
    public static final String POLICY = BASE + "Policy";
    public static final String ROUTE = BASE + "Route";
    public static final String ROUTE_PAGE = BASE + "RoutePage";
    public static final String WORKER_COUNTS = BASE + "WorkerCounts";
    public static final String COUNT = BASE + "Count";
    public static final String VERSION = BASE + "Version";
    public static final String WORKER_COUNT = BASE + "WorkerCount";
    public static final String PROBLEM = BASE + "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiSchemas() {
    }
}
