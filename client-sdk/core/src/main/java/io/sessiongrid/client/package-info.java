/**
 * Java client for Session Grid, a clustered session service.
 *
 * <p>Start with {@link io.sessiongrid.client.SessionGridClient#builder()}. Sessions, events and state
 * values are immutable records; JSON values are Jackson {@link com.fasterxml.jackson.databind.JsonNode}s,
 * kept exactly as the server sent them (unknown fields, nulls and decimal digits included). Server errors
 * arrive as unchecked {@link io.sessiongrid.client.SessionGridException}s carrying the RFC 9457 problem
 * details; unreachable nodes as {@link io.sessiongrid.client.SessionGridTransportException}.
 *
 * <p>The client works with older and newer nodes alike: a field an older node does not send reads as
 * zero (a {@link java.time.Duration#ZERO} timeout means "none"), and enum-like settings such as
 * {@link io.sessiongrid.client.AppPolicy#eviction()} are strings, so a value a newer node adds arrives
 * instead of failing the call.
 *
 * <h2>Failover and retries</h2>
 *
 * <p>Give the builder several endpoints. A call that cannot connect, times out, fails midway or is answered
 * HTTP 503 (problem type {@code unavailable}: a node shutting down, a partition migrating, a grid
 * operation that timed out) is sent to the next endpoint, after a sleep of uniform(0, min(maxBackoff,
 * initialBackoff &times; 2<sup>retry-1</sup>)), until it gets another answer or the
 * {@link io.sessiongrid.client.RetryPolicy} runs out of attempts (default 6) or time (default 30 s per
 * call, sleeps included; a sleep that would pass the deadline is not taken). Then the call throws its last
 * error: {@link io.sessiongrid.client.ServiceUnavailableException} for a 503,
 * {@link io.sessiongrid.client.SessionGridTransportException} for a failure to get any answer, each saying
 * how many attempts were made. Every failure also moves the endpoint later calls start at past the one
 * that failed, so a dead node is not tried first again and again. Other error statuses (404, 409, 412, …)
 * are answers, and end the call at once.
 *
 * <p>A failed connect sent nothing, so every call moves on after one. A timeout, a failure midway or a 503
 * may come after the node applied the request, so only calls whose repeat changes nothing are sent again
 * after those:
 *
 * <table>
 *   <caption>Which calls are sent again after they may have reached a node</caption>
 *   <tr><th>Call</th><th>Request</th><th>Retried</th><th>Why</th></tr>
 *   <tr><td>{@code getSession}, {@code findSession}, {@code listSessions}, {@code listEvents},
 *       {@code getAppState}, {@code getUserState}, {@code getPolicy}, {@code listWorkerSessions}</td>
 *       <td>GET</td><td>yes</td><td>reads</td></tr>
 *   <tr><td>{@code countUserSessions}, {@code countWorkerSessions(app, worker)}</td>
 *       <td>GET</td><td>yes</td><td>reads</td></tr>
 *   <tr><td>{@code countWorkerSessions(app, workers)}</td><td>POST {@code workers:count}</td><td>yes</td>
 *       <td>a read; POST only carries the list of workers</td></tr>
 *   <tr><td>{@code findRoute}</td><td>GET {@code .../route}</td><td>yes</td>
 *       <td>a read; the access it records is recorded again, as by any later request</td></tr>
 *   <tr><td>{@code appendEvent}</td><td>POST {@code .../events}</td><td>yes</td>
 *       <td>the SDK gives every event an id, and a node answers a repeated id with the stored event
 *       ({@link io.sessiongrid.client.AppendResult#replayed()}), even when {@code If-Match} no longer
 *       matches; only an event the session has already dropped again (max-events with DROP_OLDEST) would
 *       be appended twice</td></tr>
 *   <tr><td>{@code touchSession}</td><td>POST {@code ...:touch}</td><td>yes</td>
 *       <td>restarting the idle timeout twice is restarting it once</td></tr>
 *   <tr><td>{@code deleteSession}</td><td>DELETE</td><td>yes</td>
 *       <td>deleting a session that is gone is not an error</td></tr>
 *   <tr><td>{@code setWorker}</td><td>PUT {@code .../worker}</td><td>yes</td>
 *       <td>sets the same worker again</td></tr>
 *   <tr><td>{@code createSession} with a session id</td><td>POST</td><td>yes</td>
 *       <td>the id makes a second create fail with 409 {@code session-exists} instead of creating twice;
 *       a 409 after an earlier attempt of the same call may have created the session (it timed out or got
 *       a 503) counts as success, and the session is fetched with {@code getSession} and returned. A 409 on
 *       the first attempt, or after attempts that only failed to connect, is a real conflict and thrown</td>
 *       </tr>
 *   <tr><td>{@code createSession} without a session id</td><td>POST</td><td>no</td>
 *       <td>a repeat would create a second session under another generated id</td></tr>
 *   <tr><td>{@code deleteUserSessions}</td><td>DELETE {@code .../users/{u}/sessions}</td><td>no</td>
 *       <td>a repeat would report 0 deleted, and could log out a session created in between</td></tr>
 *   <tr><td>{@code deleteWorkerSessions}</td><td>DELETE {@code .../workers/{w}/sessions}</td><td>no</td>
 *       <td>a repeat would report 0 deleted, and could delete sessions pinned to the worker in between</td>
 *       </tr>
 *   <tr><td>{@code rerouteWorker}</td><td>POST {@code ...:reroute}</td><td>no</td>
 *       <td>a repeat would report 0 moved, and could move sessions pinned to the worker in between</td></tr>
 *   <tr><td>{@code sweepIdleSessions}</td><td>POST {@code ...:sweep-idle}</td><td>no</td>
 *       <td>a repeat would report 0 deleted</td></tr>
 * </table>
 *
 * <p>"No" means: sent again after a failed connect only; a timeout or 503 ends the call, and the caller,
 * who knows whether a repeat is acceptable, decides. {@link io.sessiongrid.client.RetryPolicy#none()} turns
 * all of this off: one attempt per call, on one endpoint.
 */
package io.sessiongrid.client;
