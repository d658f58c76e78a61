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
