package io.sessiongrid.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.ToolContext;

import java.util.Map;

/** The tool the scripted model calls: it writes user-scoped state, as ADK tools do (public: ADK calls it by reflection). */
public final class MemoryTool {

    private MemoryTool() {
    }

    public static Map<String, Object> remember(@Schema(name = "fact", description = "what to remember") String fact,
                                               ToolContext toolContext) {
        toolContext.state().put("user:fact", fact);
        return Map.of("status", "stored");
    }
}
