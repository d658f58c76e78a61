package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.UserKey;

/** Compact forms of the map keys. Key bytes decide partitions, so these fields must never change. */
final class KeyCodecs {

    private KeyCodecs() {
    }

    static final class SessionKeyCodec implements CompactSerializer<SessionKey> {
        @Override
        public SessionKey read(CompactReader r) {
            return new SessionKey(r.readString("app"), r.readString("userId"), r.readString("sessionId"));
        }

        @Override
        public void write(CompactWriter w, SessionKey k) {
            w.writeString("app", k.app());
            w.writeString("userId", k.userId());
            w.writeString("sessionId", k.sessionId());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.SessionKey";
        }

        @Override
        public Class<SessionKey> getCompactClass() {
            return SessionKey.class;
        }
    }

    static final class UserKeyCodec implements CompactSerializer<UserKey> {
        @Override
        public UserKey read(CompactReader r) {
            return new UserKey(r.readString("app"), r.readString("userId"));
        }

        @Override
        public void write(CompactWriter w, UserKey k) {
            w.writeString("app", k.app());
            w.writeString("userId", k.userId());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.UserKey";
        }

        @Override
        public Class<UserKey> getCompactClass() {
            return UserKey.class;
        }
    }
}
