/**
 * Conventions whose instrumentations are Python-only (Logfire / Pydantic AI, Google ADK, Strands,
 * MLflow, LangSmith) or whose shapes come from a vendor's own tests (Langfuse, OTel examples):
 * DOCUMENTED attribute sets, copied from ../shared/reference/genai-conventions.md §6–7 and the
 * source files it cites. The JS libraries are tested against what they really emit in
 * test/integration/genai-libraries.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Attributes, AttrValue } from '../../../../../shared/domain/attributes';
import { describeStep, summarizeStep } from '../../../../../electron/engine/genai/normalize-step';
import type { LinkedLogEvent } from '../../../../../electron/engine/genai/span-input';
import { spanInput } from '../../../../helpers/span-input';

const span = spanInput;

describe('OTel GenAI 1.37+ (docs/gen-ai/non-normative/examples-llm-calls.md)', () => {
  const s = span(
    {
      'gen_ai.provider.name': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4',
      'gen_ai.request.max_tokens': 200,
      'gen_ai.response.model': 'gpt-4-0613',
      'gen_ai.usage.input_tokens': 52,
      'gen_ai.usage.output_tokens': 47,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.input.messages':
        '[{"role":"system","parts":[{"type":"text","content":"You are a helpful bot"}]},{"role":"user","parts":[{"type":"text","content":"Tell me a joke about OpenTelemetry"}]}]',
      'gen_ai.output.messages':
        '[{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}],"finish_reason":"tool_call"}]',
    },
    { name: 'chat gpt-4' },
  );

  it('reads kind, models, tokens and finish reason', () => {
    expect(summarizeStep(s)).toMatchObject({
      kind: 'llm',
      operation: 'chat',
      provider: 'openai',
      requestModel: 'gpt-4',
      responseModel: 'gpt-4-0613',
      inputTokens: 52,
      outputTokens: 47,
      cacheReadTokens: null,
      finishReason: 'stop',
    });
  });

  it('parses parts messages, tool calls and request parameters', () => {
    const d = describeStep(s);
    expect(d.inputMessages).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'You are a helpful bot' }], tool_calls: [] },
      { role: 'user', parts: [{ type: 'text', text: 'Tell me a joke about OpenTelemetry' }], tool_calls: [] },
    ]);
    expect(d.outputMessages![0]!.tool_calls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    expect(d.requestParameters).toEqual({ max_tokens: 200 });
    expect(d.contentNotCaptured).toBe(false);
  });

  it('says content was not captured when a model call carries no messages', () => {
    const bare = span({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' });
    expect(describeStep(bare)).toMatchObject({ kind: 'llm', inputMessages: null, contentNotCaptured: true });
    const placeholder = span({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"<not specified>"}]}]',
    });
    expect(describeStep(placeholder)).toMatchObject({ inputMessages: null, contentNotCaptured: true });
  });
});

describe('OTel event era (gen-ai-events.md @ v1.36.0): span events and OTLP log records', () => {
  const choiceBody: AttrValue = {
    $kv: {
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        $kv: {
          tool_calls: [
            {
              $kv: {
                id: 'call_VSPygqKTWdrhaFErNvMV18Yl',
                type: 'function',
                function: { $kv: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
              },
            },
          ],
        },
      },
    },
  };
  const logs: LinkedLogEvent[] = [
    { eventName: 'gen_ai.system.message', body: { $kv: { content: 'You are a weather bot' } }, attributes: {} },
    { eventName: 'gen_ai.user.message', body: { $kv: { content: 'Weather in Paris?' } }, attributes: {} },
    { eventName: 'gen_ai.choice', body: choiceBody, attributes: {} },
    {
      eventName: '',
      body: { $kv: { content: 'rainy, 57°F', id: 'call_VSPy' } },
      attributes: { 'event.name': 'gen_ai.tool.message' },
    },
  ];

  it('joins log events to their span as messages', () => {
    const d = describeStep(span({ 'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai' }, { logs }));
    expect(d.systemInstructions).toEqual([{ type: 'text', text: 'You are a weather bot' }]);
    expect(d.inputMessages!.map((m) => m.role)).toEqual(['system', 'user', 'tool']);
    expect(d.inputMessages![2]).toMatchObject({
      tool_call_id: 'call_VSPy',
      parts: [{ type: 'text', text: 'rainy, 57°F' }],
    });
    expect(d.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [],
        tool_calls: [{ id: 'call_VSPygqKTWdrhaFErNvMV18Yl', name: 'get_weather', arguments: { location: 'Paris' } }],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('reads the same events sent as span events with JSON-string attributes (Strands)', () => {
    const d = describeStep(
      span(
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'strands-agents',
          'gen_ai.request.model': 'claude-3-7-sonnet',
        },
        {
          events: [
            { name: 'gen_ai.user.message', attributes: { content: '[{"text": "Hi"}]' } },
            { name: 'gen_ai.choice', attributes: { message: '[{"text": "Hello!"}]', finish_reason: 'end_turn' } },
          ],
        },
      ),
    );
    expect(d.provider).toBe('anthropic');
    expect(d.inputMessages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'Hi' }], tool_calls: [] }]);
    expect(d.outputMessages![0]).toMatchObject({
      role: 'assistant',
      parts: [{ type: 'text', text: 'Hello!' }],
      finish_reason: 'end_turn',
    });
  });
});

describe('OpenLLMetry legacy flattened keys (opentelemetry-instrumentation-ollama tests)', () => {
  it('reads gen_ai.prompt.N / gen_ai.completion.N and skips non-numeric segments', () => {
    const d = describeStep(
      span(
        {
          'gen_ai.system': 'Ollama',
          'llm.request.type': 'chat',
          'gen_ai.request.model': 'llama3',
          'gen_ai.prompt.0.role': 'user',
          'gen_ai.prompt.0.content': 'Tell me a joke about OpenTelemetry',
          'gen_ai.prompt.prompt_filter_results': '[]',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': '<reply>',
          'gen_ai.completion.0.finish_reason': 'stop',
          'gen_ai.usage.input_tokens': 17,
          'gen_ai.usage.output_tokens': 5,
          'llm.usage.total_tokens': 22,
        },
        { name: 'ollama.chat' },
      ),
    );
    expect(d).toMatchObject({
      kind: 'llm',
      provider: 'ollama',
      requestModel: 'llama3',
      inputTokens: 17,
      outputTokens: 5,
    });
    expect(d.inputMessages).toEqual([
      { role: 'user', parts: [{ type: 'text', text: 'Tell me a joke about OpenTelemetry' }], tool_calls: [] },
    ]);
    expect(d.outputMessages![0]).toMatchObject({ parts: [{ type: 'text', text: '<reply>' }], finish_reason: 'stop' });
  });
});

describe('Langfuse native keys (otelMapping.servertest.ts)', () => {
  it('reads generation, usage details (exclusive of cache), prompt, session and user', () => {
    const d = describeStep(
      span({
        'langfuse.observation.type': 'generation',
        'langfuse.observation.model.name': 'gpt-4o',
        'langfuse.observation.input': '[{"role": "user", "content": "hello"}]',
        'langfuse.observation.usage_details': '{"input_tokens": 123, "output_tokens": 456, "input_cached_tokens": 100}',
        'langfuse.observation.cost_details': '{"input": 0.001, "output": 0.002}',
        'langfuse.observation.prompt.name': 'my-prompt',
        'langfuse.observation.prompt.version': 1,
        'user.id': 'my-user',
        'session.id': 'my-session',
      }),
    );
    expect(d).toMatchObject({
      kind: 'llm',
      requestModel: 'gpt-4o',
      inputTokens: 223,
      cacheReadTokens: 100,
      outputTokens: 456,
      reportedCostUsd: 0.003,
      sessionId: 'my-session',
      userId: 'my-user',
      promptTemplate: { name: 'my-prompt', version: '1' },
    });
    expect(d.inputMessages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'hello' }], tool_calls: [] }]);
  });
});

describe('Logfire + OpenAI Agents SDK (test_openai_agents_mcp.py) — documented, Python-only', () => {
  it('reads the events attribute and template-named tool spans', () => {
    const llm = describeStep(
      span(
        {
          'logfire.msg': "Responses API with 'gpt-4o'",
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'openai',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          events:
            '[{"event.name":"gen_ai.user.message","content":"Give me a random number","role":"user"},{"event.name":"gen_ai.assistant.message","role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"random_number","arguments":"{}"}}]}]',
        },
        { name: 'Responses API with {gen_ai.request.model!r}' },
      ),
    );
    expect(llm).toMatchObject({ kind: 'llm', provider: 'openai', responseModel: 'gpt-4o-2024-08-06' });
    expect(llm.inputMessages!.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(llm.inputMessages![1]!.tool_calls).toEqual([{ id: 'call_1', name: 'random_number', arguments: {} }]);
    const tool = describeStep(
      span(
        {
          'logfire.msg': 'Function: random_number',
          name: 'random_number',
          input: '{}',
          output: '{"type":"text","text":"4"}',
        },
        { name: 'Function: {name}' },
      ),
    );
    expect(tool).toMatchObject({
      kind: 'tool',
      toolName: 'random_number',
      toolArguments: {},
      toolResult: { type: 'text', text: '4' },
    });
  });

  it('reads Pydantic AI cost and usage details', () => {
    expect(
      summarizeStep(
        span({
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': 1000,
          'gen_ai.usage.output_tokens': 200,
          'gen_ai.usage.details.cache_read_tokens': 400,
          'gen_ai.usage.details.reasoning_tokens': 50,
          'operation.cost': 0.0042,
        }),
      ),
    ).toMatchObject({ cacheReadTokens: 400, reasoningTokens: 50, reportedCostUsd: 0.0042 });
  });
});

describe('Google ADK (src/google/adk/telemetry/tracing.py) — documented, Python-only', () => {
  it('reads call_llm with its request and response, and ignores "{}" on tool spans', () => {
    const llm = describeStep(
      span(
        {
          'gen_ai.system': 'gcp.vertex.agent',
          'gen_ai.request.model': 'gemini-2.0-flash',
          'gcp.vertex.agent.session_id': 'sess-1',
          'gcp.vertex.agent.llm_request':
            '{"model":"gemini-2.0-flash","config":{"system_instruction":"Be brief","temperature":0.2},"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]},{"role":"model","parts":[{"function_call":{"id":"fc1","name":"get_weather","args":{"city":"Paris"}}}]},{"role":"user","parts":[{"function_response":{"id":"fc1","name":"get_weather","response":{"temp":12}}}]}]}',
          'gcp.vertex.agent.llm_response':
            '{"content":{"role":"model","parts":[{"text":"12°C in Paris."}]},"finish_reason":"STOP"}',
          'gen_ai.usage.input_tokens': 30,
          'gen_ai.usage.output_tokens': 6,
        },
        { name: 'call_llm', scopeName: 'gcp.vertex.agent' },
      ),
    );
    expect(llm).toMatchObject({
      kind: 'llm',
      provider: 'gcp.gemini',
      sessionId: 'sess-1',
      requestParameters: { temperature: 0.2 },
    });
    expect(llm.inputMessages!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(llm.inputMessages![2]!.tool_calls).toEqual([
      { id: 'fc1', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    expect(llm.inputMessages![3]!.parts).toEqual([{ type: 'tool_result', id: 'fc1', content: { temp: 12 } }]);
    expect(llm.outputMessages).toEqual([
      { role: 'assistant', parts: [{ type: 'text', text: '12°C in Paris.' }], tool_calls: [], finish_reason: 'stop' },
    ]);
    const tool = describeStep(
      span(
        {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'get_weather',
          'gcp.vertex.agent.llm_request': '{}',
          'gcp.vertex.agent.tool_call_args': '{"city":"Paris"}',
          'gcp.vertex.agent.tool_response': '{"temp":12}',
        },
        { name: 'execute_tool get_weather', scopeName: 'gcp.vertex.agent' },
      ),
    );
    expect(tool).toMatchObject({
      kind: 'tool',
      toolName: 'get_weather',
      toolArguments: { city: 'Paris' },
      toolResult: { temp: 12 },
      inputMessages: null,
    });
  });
});

describe('MLflow (mlflow/tracing/constant.py) — documented, Python-only', () => {
  it('decodes double-encoded attributes', () => {
    const d = describeStep(
      span({
        'mlflow.spanType': '"CHAT_MODEL"',
        'mlflow.llm.model': '"gpt-4o-mini"',
        'mlflow.llm.provider': '"openai"',
        'mlflow.chat.tokenUsage': '{"input_tokens": 10, "output_tokens": 3, "total_tokens": 13}',
        'mlflow.spanInputs': '{"messages": [{"role": "user", "content": "hi"}]}',
        'mlflow.spanOutputs': '{"choices": [{"message": {"role": "assistant", "content": "hello"}}]}',
        'session.id': '"s-9"',
      }),
    );
    expect(d).toMatchObject({
      kind: 'llm',
      requestModel: 'gpt-4o-mini',
      provider: 'openai',
      inputTokens: 10,
      outputTokens: 3,
      sessionId: 's-9',
    });
    expect(d.outputMessages).toEqual([{ role: 'assistant', parts: [{ type: 'text', text: 'hello' }], tool_calls: [] }]);
  });
});

describe('LangSmith OTel export (_otel_exporter.py) — documented, Python-only', () => {
  it('takes the thread from metadata, not the project session id, and the first of comma-joined finish reasons', () => {
    const s = summarizeStep(
      span({
        'langsmith.span.kind': 'llm',
        'gen_ai.operation.name': 'embeddings',
        'langsmith.trace.session_id': 'project-uuid',
        'langsmith.metadata.thread_id': 'thread-7',
        'langsmith.metadata.ls_model_name': 'gpt-4o',
        'gen_ai.response.finish_reasons': 'stop,length',
      }),
    );
    expect(s).toMatchObject({ kind: 'llm', sessionId: 'thread-7', requestModel: 'gpt-4o', finishReason: 'stop' });
  });
});

describe('step kind detection order (§1)', () => {
  it.each([
    [{ 'openinference.span.kind': 'RETRIEVER', 'gen_ai.operation.name': 'chat' }, 'retriever'],
    [{ 'langfuse.observation.type': 'span', 'gen_ai.operation.name': 'execute_tool' }, 'tool'],
    [{ 'traceloop.span.kind': 'workflow' }, 'chain'],
    [{ 'llm.request.type': 'embedding' }, 'embedding'],
    [{ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'a' }, 'agent'],
    [{ 'gen_ai.agent.name': 'copied from baggage' }, 'other'],
    [{ 'ai.operationId': 'ai.streamText.doStream' }, 'llm'],
    [{ 'ai.operationId': 'ai.generateText' }, 'agent'],
    [{ 'http.method': 'GET' }, 'other'],
  ] as const)('%j → %s', (attributes, kind) => {
    expect(summarizeStep(span(attributes as Attributes)).kind).toBe(kind);
  });
});
