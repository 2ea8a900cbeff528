import { createContext } from 'react';
import { createApiClient, type ApiClient } from '../api/api-client';
import { LiveEventStream } from '../api/live-events';
import { type ExchangeClient, createExchangeClient } from '../exchange/exchange-client';

/** The engine connection shared by the whole UI, created once per page from the access token. */
export interface AppServices {
  api: ApiClient;
  live: LiveEventStream;
  /** Trace file upload (import) and export download. */
  exchange: ExchangeClient;
}

export function createAppServices(token: string): AppServices {
  return {
    api: createApiClient({ token }),
    live: new LiveEventStream({ token }),
    exchange: createExchangeClient({ token }),
  };
}

export const AppServicesContext = createContext<AppServices | null>(null);
