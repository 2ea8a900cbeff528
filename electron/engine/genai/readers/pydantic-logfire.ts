import { type ConventionReader, type DetailFields } from './reader';

/** Logfire / Pydantic AI keys outside `gen_ai.*`: `operation.cost`, v2 `agent_name` / `tool_*`, `input` / `output`. */
export const pydanticLogfire: ConventionReader = {
  name: 'logfire',
  applies: ({ a }) =>
    a.has('logfire.msg') ||
    a.has('operation.cost') ||
    a.has('agent_name') ||
    a.has('tool_arguments') ||
    a.has('model_request_parameters'),
  summary: ({ a, kind }) => ({
    reportedCostUsd: a.num('operation.cost'),
    agentName: a.str('agent_name'),
    // Logfire's OpenAI Agents tool spans are named `Function: {name}` and carry the tool name in `name`.
    toolName: kind === 'tool' ? a.str('name') : null,
  }),
  detail: ({ a, kind }) => {
    const out: DetailFields = {};
    if (kind === 'tool') {
      const args = a.has('tool_arguments') ? a.json('tool_arguments') : a.json('input');
      const result = a.has('tool_response') ? a.json('tool_response') : a.json('output');
      if (args !== undefined) out.toolArguments = args;
      if (result !== undefined) out.toolResult = result;
    }
    if (a.has('input')) out.input = a.json('input');
    if (a.has('output')) out.output = a.json('output');
    if (a.has('final_result')) out.output = a.json('final_result');
    const params = a.object('model_request_parameters');
    if (params) out.requestParameters = params;
    return out;
  },
};
