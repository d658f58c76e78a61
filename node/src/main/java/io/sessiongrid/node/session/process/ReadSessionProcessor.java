package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionView;

/** Reads a session where it lives and ships back only the selected events, never the whole record. */
public final class ReadSessionProcessor extends SessionAccess<SessionView> {

    private final EventWindow window;

    public ReadSessionProcessor(EventWindow window, long appMaxIdleSeconds) {
        super(appMaxIdleSeconds);
        this.window = window;
    }

    public EventWindow window() {
        return window;
    }

    @Override
    protected SessionView read(SessionRecord record, double previousAccess) {
        return record.view(window);
    }
}
