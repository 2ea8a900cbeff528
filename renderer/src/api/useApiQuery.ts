import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { ApiInput, ApiMethodName, ApiResult } from '../../../shared/api/methods';
import { useAppServices } from '../app/useAppServices';
import { toApiError } from './api-client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  /**
   * `refreshError`: the last background refresh failed; `data` is the last good answer.
   * `inputKey`: the input (as JSON) that `data` answers; `tag`: the caller's tag of that request.
   */
  | { status: 'ready'; data: T; refreshError: ApiError | null; inputKey: string; tag: string | undefined };

export interface ApiQuery<T> {
  state: QueryState<T>;
  /** Fetches again in the background, keeping the current data on screen. */
  refresh: () => void;
  /** Starts over from the loading state (after an error). */
  retry: () => void;
  /** The data shown answers an earlier input (kept with `keepPreviousData` while the new one loads). */
  isStale: boolean;
}

/**
 * One API call whose answer is shown on screen. A change of `input` (compared by value) fetches
 * again; with `keepPreviousData` the old answer stays visible meanwhile. Answers that arrive out
 * of order never overwrite newer ones.
 */
export function useApiQuery<M extends ApiMethodName>(
  method: M,
  input: ApiInput<M>,
  options: {
    keepPreviousData?: boolean;
    /**
     * Names what the caller asked for, when the input alone does not tell (a list's filters, not
     * its page size or a sliding time window); the answer carries the tag it was requested under.
     */
    tag?: string;
  } = {},
): ApiQuery<ApiResult<M>> {
  const { api } = useAppServices();
  const [state, setState] = useState<QueryState<ApiResult<M>>>({ status: 'loading' });
  const inputKey = JSON.stringify(input);
  const latestInput = useRef(input);
  const latestTag = useRef(options.tag);
  const keepPreviousData = options.keepPreviousData ?? false;
  /** Bumped when the input changes or the component unmounts: older answers are then ignored. */
  const generation = useRef(0);
  const issued = useRef(0);
  const applied = useRef(0);

  useEffect(() => {
    latestInput.current = input;
    latestTag.current = options.tag;
  });

  const load = useCallback(
    (keepData: boolean) => {
      const gen = generation.current;
      const id = ++issued.current;
      const key = JSON.stringify(latestInput.current);
      const tag = latestTag.current;
      if (!keepData) setState({ status: 'loading' });
      const isCurrent = () => gen === generation.current && id > applied.current;
      api.call(method, latestInput.current).then(
        (data) => {
          if (!isCurrent()) return;
          applied.current = id;
          setState({ status: 'ready', data, refreshError: null, inputKey: key, tag });
        },
        (error: unknown) => {
          if (!isCurrent()) return;
          applied.current = id;
          const apiError = toApiError(error);
          setState((previous) =>
            keepData && previous.status === 'ready'
              ? { ...previous, refreshError: apiError }
              : { status: 'error', error: apiError },
          );
        },
      );
    },
    [api, method],
  );

  useEffect(() => {
    generation.current++;
    load(keepPreviousData);
    return () => {
      generation.current++;
    };
    // inputKey stands for `input`, compared by value.
  }, [inputKey, load, keepPreviousData]);

  const refresh = useCallback(() => {
    load(true);
  }, [load]);
  const retry = useCallback(() => {
    load(false);
  }, [load]);
  const isStale = state.status === 'ready' && state.inputKey !== inputKey;
  return { state, refresh, retry, isStale };
}
