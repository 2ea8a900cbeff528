import { ROOT_CONTEXT, context, createContextKey } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

const PROBE = createContextKey('loupe.context-probe');

/** Whether the OpenTelemetry API carries a context into the callback of `context.with`. */
function contextPropagates(): boolean {
  return context.with(ROOT_CONTEXT.setValue(PROBE, true), () => context.active().getValue(PROBE) === true);
}

/**
 * Makes sure the OpenTelemetry API has a context manager, registering an AsyncLocalStorage one when
 * none is there. Without one `context.with` is a no-op and no instrumentation's span gets a parent;
 * a BasicTracerProvider does not register one (NodeTracerProvider.register() would). This is the only
 * process-wide OpenTelemetry state Loupe sets: no global tracer provider, no require hooks.
 */
export function ensureContextManager(): void {
  if (contextPropagates()) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
