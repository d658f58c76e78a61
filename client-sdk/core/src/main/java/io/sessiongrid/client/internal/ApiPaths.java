package io.sessiongrid.client.internal;

/** The Session Grid HTTP API's resource paths, with the ids checked before they go into a URL. */
public final class ApiPaths {

    private static final ResourcePath APPS = ResourcePath.of("v1", "apps");

    private ApiPaths() {
    }

    public static ResourcePath appSessions(String app) {
        return app(app).child("sessions");
    }

    public static ResourcePath userSessions(String app, String userId) {
        return user(app, userId).child("sessions");
    }

    public static ResourcePath session(String app, String userId, String sessionId) {
        return userSessions(app, userId).child(requireId(sessionId, "sessionId"));
    }

    /** {@code POST}: slides the session's idle timeout without reading it. */
    public static ResourcePath sessionTouch(String app, String userId, String sessionId) {
        return session(app, userId, sessionId).withAction("touch");
    }

    /** {@code PUT}: pins the session to a worker, or unpins it. */
    public static ResourcePath sessionWorker(String app, String userId, String sessionId) {
        return session(app, userId, sessionId).child("worker");
    }

    /**
     * {@code GET}: the worker a session is pinned to, addressed by session id alone, because a proxy
     * that routes a request knows the session but not its user.
     */
    public static ResourcePath sessionRoute(String app, String sessionId) {
        return appSessions(app).child(requireId(sessionId, "sessionId"), "route");
    }

    /** A session addressed by its id alone (created through the id-addressed routes, or routed). */
    public static ResourcePath sessionById(String app, String sessionId) {
        return appSessions(app).child(requireId(sessionId, "sessionId"));
    }

    /** {@code POST}: an action (touch, change-id, rekey) on a session addressed by its id alone. */
    public static ResourcePath sessionByIdAction(String app, String sessionId, String action) {
        return sessionById(app, sessionId).withAction(action);
    }

    /** {@code POST}: deletes the app's sessions that have gone unused for longer than a given time. */
    public static ResourcePath idleSessionSweep(String app) {
        return appSessions(app).withAction("sweep-idle");
    }

    /** {@code GET}: the routes pinned to a worker, paged; {@code DELETE}: that worker's sessions. */
    public static ResourcePath workerSessions(String app, String workerId) {
        return worker(app, workerId, "workerId").child("sessions");
    }

    /** {@code GET}: how many sessions are pinned to a worker, without listing them. */
    public static ResourcePath workerSessionCount(String app, String workerId) {
        return worker(app, workerId, "workerId").child("count");
    }

    /** {@code POST}: how many sessions are pinned to each of several workers, in one call. */
    public static ResourcePath workerCounts(String app) {
        return app(app).child("workers").withAction("count");
    }

    /** {@code POST}: moves every session pinned to one worker over to another. */
    public static ResourcePath workerReroute(String app, String fromWorker) {
        return worker(app, fromWorker, "fromWorker").withAction("reroute");
    }

    /** {@code GET}: how many sessions the user has, without listing them. */
    public static ResourcePath userSessionCount(String app, String userId) {
        return userSessions(app, userId).withAction("count");
    }

    public static ResourcePath events(String app, String userId, String sessionId) {
        return session(app, userId, sessionId).child("events");
    }

    public static ResourcePath appState(String app) {
        return app(app).child("state");
    }

    public static ResourcePath userState(String app, String userId) {
        return user(app, userId).child("state");
    }

    public static ResourcePath appPolicy(String app) {
        return app(app).child("policy");
    }

    private static ResourcePath app(String app) {
        return APPS.child(requireId(app, "app"));
    }

    private static ResourcePath user(String app, String userId) {
        return app(app).child("users", requireId(userId, "userId"));
    }

    // The name is the caller's parameter name, so that an error message points at the right argument.
    private static ResourcePath worker(String app, String workerId, String name) {
        return app(app).child("workers", requireId(workerId, name));
    }

    // An empty segment would address a different resource (or none), so it is refused here.
    private static String requireId(String id, String name) {
        if (id == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return id;
    }
}
