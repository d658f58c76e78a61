package io.sessiongrid.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/** The one test double: a model that answers from a script and records every request the agent sent it. */
final class ScriptedLlm extends BaseLlm {

    private final Queue<Content> replies;
    private final List<LlmRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedLlm(Content... replies) {
        super("scripted");
        this.replies = new ArrayDeque<>(List.of(replies));
    }

    static Content text(String text) {
        return Content.builder().role("model").parts(List.of(Part.fromText(text))).build();
    }

    static Content call(String function, Map<String, Object> args) {
        return Content.builder().role("model").parts(List.of(Part.fromFunctionCall(function, args))).build();
    }

    List<LlmRequest> requests() {
        return requests;
    }

    @Override
    public synchronized Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
        requests.add(request);
        Content reply = replies.poll();
        if (reply == null) {
            return Flowable.error(new IllegalStateException("the script has no reply left for request " + requests.size()));
        }
        return Flowable.just(LlmResponse.builder().content(reply).build());
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
        throw new UnsupportedOperationException("live connections are not scripted");
    }
}
