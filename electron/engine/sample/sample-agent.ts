import { getToolAttributes, traceAgent, traceTool } from '@arizeai/openinference-core';
import type { Tracer } from '@opentelemetry/api';
import type OpenAI from 'openai';
import type {
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { SampleConversation } from './sample-conversations';
import { type SampleTool, sampleTool } from './sample-tools';

/** Model calls one turn may make before the agent gives up on reaching an answer. */
const MAX_MODEL_CALLS = 4;

export interface AgentDeps {
  client: OpenAI;
  /** The tracer the agent's own spans (AGENT, TOOL) come from; the model calls are the instrumentation's. */
  tracer: Tracer;
}

/**
 * A small tool-using agent on the OpenAI SDK, traced the way an OpenInference user traces one: the
 * turn is an AGENT span (openinference-core's `traceAgent`), each tool run a TOOL span
 * (`traceTool`), and the model calls are LLM spans made by the OpenAI instrumentation. A tool that
 * throws leaves an error on its span; the agent tells the model and carries on, as agents do.
 */
export class SampleAgent {
  private readonly tools: SampleTool[];
  /** The conversation so far (system prompt first); it grows with every turn. */
  private readonly history: ChatCompletionMessageParam[];

  constructor(
    private readonly deps: AgentDeps,
    private readonly spec: SampleConversation,
  ) {
    this.tools = spec.tools.map(sampleTool);
    this.history = [{ role: 'system', content: spec.system }];
  }

  /** Answers one user message: one run. */
  turn(question: string): Promise<string> {
    const traced = traceAgent((q: string) => this.answer(q), {
      name: this.spec.agent,
      tracer: this.deps.tracer,
      attributes: { 'agent.name': this.spec.agent },
    });
    return traced(question);
  }

  private async answer(question: string): Promise<string> {
    this.history.push({ role: 'user', content: question });
    for (let call = 0; call < MAX_MODEL_CALLS; call++) {
      const completion = await this.deps.client.chat.completions.create({
        model: this.spec.model,
        messages: [...this.history],
        tools: this.tools.map((t) => t.definition),
        temperature: 0.3,
      });
      const message = completion.choices[0]?.message;
      if (!message) throw new Error(`${this.spec.model} answered without a choice`);
      this.history.push({ role: 'assistant', content: message.content, tool_calls: message.tool_calls });
      const toolCalls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
      if (toolCalls.length === 0) return message.content ?? '';
      for (const toolCall of toolCalls) {
        this.history.push({ role: 'tool', tool_call_id: toolCall.id, content: await this.runTool(toolCall) });
      }
    }
    throw new Error(`${this.spec.agent} made ${String(MAX_MODEL_CALLS)} model calls without reaching an answer`);
  }

  /** Runs a tool call in its TOOL span; what the model is told, as JSON text (an error included). */
  private async runTool({ id, function: call }: ChatCompletionMessageFunctionToolCall): Promise<string> {
    const tool = this.tools.find((t) => t.definition.function.name === call.name);
    if (!tool) return JSON.stringify({ error: `there is no tool ${call.name}` });
    const { description, parameters = {} } = tool.definition.function;
    const traced = traceTool((args: Record<string, unknown>) => tool.run(args), {
      name: call.name,
      tracer: this.deps.tracer,
      attributes: { ...getToolAttributes({ name: call.name, description, parameters }), 'tool_call.id': id },
    });
    try {
      return JSON.stringify(await traced(JSON.parse(call.arguments) as Record<string, unknown>));
    } catch (err) {
      return JSON.stringify({ error: err instanceof Error ? err.message : String(err) });
    }
  }
}
