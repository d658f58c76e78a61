package io.sessiongrid.node.session.apps;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.sessiongrid.node.policy.AppPolicies;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lists the grid's apps with their sessions per member: every member is asked for the sessions it owns
 * ({@link OwnedSessionCounts}, one executor task each, in parallel), so a listing costs one small call
 * per member whatever the number of sessions. A member that does not answer within {@link #DEADLINE_MS}
 * (frozen, leaving, or of an older build that does not know the task) is reported as not answered, and
 * its share is missing from the counts rather than the whole listing failing.
 */
@Singleton
public class AppCounts {

    static final long DEADLINE_MS = 2_000;
    static final String EXECUTOR = "sessiongrid.app-counts";
    private static final Logger LOG = LoggerFactory.getLogger(AppCounts.class);

    private final HazelcastInstance hazelcast;
    private final AppPolicies policies;

    public AppCounts(HazelcastInstance hazelcast, AppPolicies policies) {
        this.hazelcast = hazelcast;
        this.policies = policies;
    }

    /** Every app {@code visible} accepts: configured ones (even without sessions) and any holding sessions. */
    public AppListing list(Predicate<String> visible) {
        IExecutorService executor = hazelcast.getExecutorService(EXECUTOR);
        Map<Member, Future<HashMap<String, Long>>> asked = executor.submitToAllMembers(new OwnedSessionCounts());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        Map<String, Map<String, Long>> byApp = new TreeMap<>();
        List<String> members = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (Map.Entry<Member, Future<HashMap<String, Long>>> entry : asked.entrySet()) {
            String member = address(entry.getKey());
            members.add(member);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                entry.getValue().get(left, TimeUnit.NANOSECONDS).forEach((app, owned) ->
                        byApp.computeIfAbsent(app, a -> new TreeMap<>()).put(member, owned));
                answered.add(member);
            } catch (TimeoutException | ExecutionException e) {
                entry.getValue().cancel(true);
                LOG.debug("Member {} did not count its sessions: {}", member, e.toString());
            } catch (InterruptedException e) {
                // Stop waiting; the members not heard from count as not answered.
                Thread.currentThread().interrupt();
                entry.getValue().cancel(true);
            }
        }
        TreeSet<String> names = new TreeSet<>(byApp.keySet());
        policies.configuredApps().keySet().stream().filter(app -> !app.contains("*")).forEach(names::add);
        List<AppCount> apps = new ArrayList<>();
        for (String app : names) {
            if (!visible.test(app)) {
                continue;
            }
            Map<String, Long> perMember = new LinkedHashMap<>(byApp.getOrDefault(app, Map.of()));
            long total = perMember.values().stream().mapToLong(Long::longValue).sum();
            apps.add(new AppCount(app, policies.configured(app), total, perMember));
        }
        members.sort(null);
        answered.sort(null);
        return new AppListing(apps, members, answered);
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
