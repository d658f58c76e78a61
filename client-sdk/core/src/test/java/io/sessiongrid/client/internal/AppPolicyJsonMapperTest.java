package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.AppPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AppPolicyJsonMapperTest {

    private final JsonCodec json = new JsonCodec();
    private final AppPolicyJsonMapper mapper = new AppPolicyJsonMapper();

    @Test
    void readsEveryMember() {
        AppPolicy policy = mapper.read(json.read("{\"app\":\"web\",\"configured\":true,\"ttlSeconds\":86400,"
                + "\"maxIdleSeconds\":1800,\"maxSessionsPerMember\":100000,\"eviction\":\"LFU\",\"backupCount\":2,"
                + "\"asyncBackupCount\":1,\"maxSessionBytes\":4294967296,\"maxEventBytes\":65536,\"maxEvents\":500,"
                + "\"eventsOverflow\":\"DROP_OLDEST\",\"maxSessionsPerUser\":5,\"onUserLimit\":\"REJECT\","
                + "\"durability\":\"WRITE_THROUGH\",\"writeDelaySeconds\":2,\"eagerLoadWindowSeconds\":3600}"));

        assertThat(policy).isEqualTo(new AppPolicy("web", true, Duration.ofDays(1), Duration.ofMinutes(30), 100000,
                "LFU", 2, 1, 4294967296L, 65536L, 500, "DROP_OLDEST", 5, "REJECT", "WRITE_THROUGH", Duration.ofSeconds(2),
                Duration.ofHours(1)));
    }

    @Test
    void keepsEnumLikeValuesItDoesNotKnowAndIgnoresUnknownMembers() {
        AppPolicy policy = mapper.read(json.read("{\"app\":\"web\",\"eviction\":\"ADAPTIVE\","
                + "\"eventsOverflow\":\"SPILL_TO_DISK\",\"onUserLimit\":\"EVICT_OLDEST\",\"future\":{\"x\":1}}"));

        assertThat(policy.eviction()).isEqualTo("ADAPTIVE");
        assertThat(policy.eventsOverflow()).isEqualTo("SPILL_TO_DISK");
        assertThat(policy.onUserLimit()).isEqualTo("EVICT_OLDEST");
    }

    @Test
    void absentMembersReadAsZeroFalseAndNull() {
        AppPolicy policy = mapper.read(json.read("{}"));

        assertThat(policy).isEqualTo(new AppPolicy(null, false, Duration.ZERO, Duration.ZERO, 0, null, 0, 0, 0, 0, 0,
                null, 0, null, null, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void refusesNonObjects() {
        assertThatThrownBy(() -> mapper.read(json.read("[]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy must be a JSON object");
    }
}
