package io.sessiongrid.bench.store;

/** Which session: the agent-framework key (app, user, session id). */
public record SessionRef(String app, String user, String id) {
}
