import { createContext } from 'react';
import { createApiClient, type ApiClient } from '../api/api-client';
import { LiveEventStream } from '../api/live-events';

/** The engine connection shared by the whole UI, created once per page from the access token. */
export interface AppServices {
  api: ApiClient;
  live: LiveEventStream;
}

export function createAppServices(token: string): AppServices {
  return {
    api: createApiClient({ token }),
    live: new LiveEventStream({ token }),
  };
}

export const AppServicesContext = createContext<AppServices | null>(null);
