package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The load shape: totals across all workers. {@code warmup} runs first and is not measured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Load(LoadModel model, String warmup, List<Stage> stages) {}
