package io.sessiongrid.node.http.problem;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTest {

    @Test
    void oneLinePerIntervalThenTheCountOfTheOthers() {
        Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000);
        ThrottledLog log = new ThrottledLog(logger, Duration.ofSeconds(10), now::get);

        log.warn("first");
        for (int i = 0; i < 500; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            log.warn("again");
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn("later");
        log.warn("too soon");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("first", "later (and 500 more like it since the last such line)");
    }
}
