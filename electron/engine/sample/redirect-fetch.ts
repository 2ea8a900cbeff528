/**
 * A `fetch` that sends each request to `targetBaseUrl`'s origin, keeping path and query. An SDK
 * configured with its provider's real base URL and this fetch talks to a local fake model while its
 * instrumentation sees what it would in production (OpenInference tells `llm.provider` by host name).
 */
export function redirectFetch(targetBaseUrl: string): typeof fetch {
  const target = new URL(targetBaseUrl);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    url.protocol = target.protocol;
    url.host = target.host;
    return input instanceof Request ? fetch(new Request(url, input), init) : fetch(url, init);
  };
}
