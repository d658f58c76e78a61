package io.sessiongrid.node.http.hot;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A hot request's body: reserved as it arrives, never ahead of it, and exactly its declared length. */
class HotCallTest {

    private static final HotRoute APPEND = new HotRoute(HotRoute.Kind.APPEND, "a", "u", "s", null, null);

    @Test
    void aSmallBodyLandsInAnArrayOfItsSize() {
        HotCall call = call(5);

        assertThat(call.take(Unpooled.wrappedBuffer(new byte[]{'{', '"', 'a'}))).isTrue();
        assertThat(call.body()).isNull(); // not all of it yet
        assertThat(call.take(Unpooled.wrappedBuffer(new byte[]{'"', '}'}))).isTrue();

        assertThat(call.body()).containsExactly('{', '"', 'a', '"', '}');
    }

    @Test
    void aLargeDeclaredLengthReservesOnlyWhatArrives() {
        int declared = 1024 * 1024;
        HotCall call = call(declared);
        byte[] chunk = new byte[HotCall.FIRST_CHUNK];
        Arrays.fill(chunk, (byte) 'x');

        for (int sent = 0; sent < declared; sent += chunk.length) {
            assertThat(call.take(Unpooled.wrappedBuffer(chunk))).isTrue();
        }

        assertThat(call.body()).hasSize(declared).containsOnly('x');
    }

    @Test
    void refusesMoreThanDeclared() {
        HotCall call = call(2);

        assertThat(call.take(Unpooled.wrappedBuffer(new byte[]{1, 2, 3}))).isFalse();
        assertThat(call.take(Unpooled.wrappedBuffer(new byte[]{1, 2}))).isTrue();
        assertThat(call.take(Unpooled.wrappedBuffer(new byte[]{3}))).isFalse();
        assertThat(call.body()).containsExactly(1, 2);
    }

    @Test
    void anEmptyBodyIsComplete() {
        assertThat(call(0).body()).isEmpty();
    }

    private static HotCall call(int length) {
        return new HotCall(APPEND, "POST", "/v1/apps/a/users/u/sessions/s/events", true, null, null, length, 0);
    }
}
