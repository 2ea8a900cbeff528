import { isRecord } from '../attribute-reader';
import { toMessage, toMessages } from '../messages/to-message';
import { type ConventionReader, type DetailFields, withoutKeys } from './reader';

/** Google ADK: `gcp.vertex.agent.*` (its `gen_ai.system` names the framework, not the provider). */
export const googleAdk: ConventionReader = {
  name: 'google-adk',
  applies: ({ a, span }) => span.scopeName === 'gcp.vertex.agent' || a.hasPrefix('gcp.vertex.agent.'),
  summary: ({ a }) => {
    const request = a.object('gcp.vertex.agent.llm_request');
    return {
      requestModel: request && typeof request.model === 'string' ? request.model : null,
      sessionId: a.str('gcp.vertex.agent.session_id'),
    };
  },
  detail: ({ a }) => {
    const out: DetailFields = {};
    const request = a.object('gcp.vertex.agent.llm_request');
    // Tool spans carry "{}" here: ignore the empty value.
    if (request && Array.isArray(request.contents)) {
      out.inputMessages = toMessages(request.contents, 'user');
      const config = isRecord(request.config) ? request.config : null;
      if (config && config.system_instruction !== undefined)
        out.systemInstructions = toMessage({ role: 'system', content: config.system_instruction }, 'system').parts;
      if (config) {
        const params = withoutKeys(config, ['system_instruction', 'tools']);
        if (Array.isArray(config.tools)) out.toolsOffered = config.tools as unknown[];
        out.requestParameters = params;
      }
    }
    const response = a.object('gcp.vertex.agent.llm_response');
    if (response && isRecord(response.content)) {
      const m = toMessage({ role: 'assistant', ...response.content }, 'assistant');
      m.role = 'assistant';
      if (typeof response.finish_reason === 'string') m.finish_reason = response.finish_reason.toLowerCase();
      out.outputMessages = [m];
    }
    if (a.has('gcp.vertex.agent.tool_call_args')) out.toolArguments = a.json('gcp.vertex.agent.tool_call_args');
    if (a.has('gcp.vertex.agent.tool_response')) out.toolResult = a.json('gcp.vertex.agent.tool_response');
    return out;
  },
};
