import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
// Turns on LangChain's AsyncLocalStorage, so runs started inside the RunnableLambda get it as
// their parent (LangGraph imports this too; without it every run is a root).
import '@langchain/core/context';
import { type AIMessageChunk, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import {
  CHAT_QUESTION,
  type DriverOptions,
  type DriverResult,
  FAKE_API_KEY,
  OPENAI_BASE_URL,
  SYSTEM_PROMPT,
  WEATHER_QUESTION,
  getWeather,
  redirectFetch,
} from './tracing';
import { unwrapMethods } from './unwrap';

export const LANGCHAIN_OPENINFERENCE_PACKAGES = [
  '@langchain/core',
  '@langchain/openai',
  'openai',
  '@arizeai/openinference-instrumentation-langchain',
];

function textOf(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}

/**
 * LangChain JS traced by OpenInference's LangChain instrumentation, applied with
 * `manuallyInstrument(@langchain/core/callbacks/manager)`; it adds a tracer callback handler to
 * every run. The agent is a `RunnableLambda` named `weather_agent` (a CHAIN span), calling a
 * `ChatOpenAI` model: a plain chat, a tool turn (bindTools → the `get_weather` tool, a LangChain
 * `tool()`, run with `invoke(toolCall)` → final answer), and the same tool turn streamed. The
 * patch is removed before returning.
 */
export async function runLangChainOpenInference({
  modelBaseUrl,
  tracerProvider,
}: DriverOptions): Promise<DriverResult> {
  const instrumentation = new LangChainInstrumentation({ tracerProvider });
  instrumentation.manuallyInstrument(CallbackManagerModule);
  try {
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: FAKE_API_KEY,
      configuration: { baseURL: OPENAI_BASE_URL, fetch: redirectFetch(modelBaseUrl) },
      temperature: 0.2,
      maxRetries: 0,
    });
    const weatherTool = tool(({ city }) => Promise.resolve(getWeather(city)), {
      name: 'get_weather',
      description: 'Get the current weather for a city',
      schema: z.object({ city: z.string().describe('The city name') }),
    });
    const withTools = model.bindTools([weatherTool]);

    const toolTurn = async (stream: boolean): Promise<string> => {
      const messages: BaseMessage[] = [new SystemMessage(SYSTEM_PROMPT), new HumanMessage(WEATHER_QUESTION)];
      const call = async (): Promise<AIMessageChunk> => {
        if (!stream) return withTools.invoke(messages);
        let merged: AIMessageChunk | undefined;
        for await (const chunk of await withTools.stream(messages)) merged = merged ? merged.concat(chunk) : chunk;
        if (!merged) throw new Error('The model streamed nothing');
        return merged;
      };
      const first = await call();
      messages.push(first);
      for (const toolCall of first.tool_calls ?? []) messages.push(await weatherTool.invoke(toolCall));
      return textOf(await call());
    };

    const agent = RunnableLambda.from(async (question: string): Promise<DriverResult> => {
      const chat = await model.invoke([new SystemMessage(SYSTEM_PROMPT), new HumanMessage(question)]);
      return { answers: [textOf(chat), await toolTurn(false), await toolTurn(true)] };
    }).withConfig({ runName: 'weather_agent' });

    return await agent.invoke(CHAT_QUESTION);
  } finally {
    instrumentation.disable();
    // Its unpatch() is private and disable() skips manual patches: remove the wrap directly.
    unwrapMethods(CallbackManagerModule.CallbackManager, ['_configureSync', 'configure']);
  }
}
