import type { Server } from 'node:http';

export class PortInUseError extends Error {
  constructor(
    readonly label: string,
    readonly port: number,
  ) {
    super(
      `port ${port} (${label}) is already in use by another program. Stop that program, or choose another port (0 picks any free port).`,
    );
    this.name = 'PortInUseError';
  }
}

export interface PortRequest {
  /** What listens there, in words: "OTLP/HTTP". */
  label: string;
  /** The requested port; 0 means any free port. */
  port: number;
  /** True when the user did not ask for this port: a taken default falls back to a free one. */
  isDefault: boolean;
}

export interface Bound {
  port: number;
  /** A plain-words note when a taken default port was replaced. */
  notice: string | null;
}

function isAddrInUse(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'EADDRINUSE' || /EADDRINUSE|address already in use|No address added/i.test(e.message ?? '');
}

/**
 * Binds `tryBind` on the requested port. A taken default port falls back to any free port with a
 * notice saying so; a taken explicit port is a PortInUseError.
 */
export async function bindWithFallback(req: PortRequest, tryBind: (port: number) => Promise<number>): Promise<Bound> {
  try {
    return { port: await tryBind(req.port), notice: null };
  } catch (err) {
    if (!isAddrInUse(err)) throw err;
    if (!req.isDefault) throw new PortInUseError(req.label, req.port);
    const port = await tryBind(0);
    return {
      port,
      notice: `The default ${req.label} port ${req.port} is taken by another program, so Loupe is listening on ${port} instead.`,
    };
  }
}

export function listenHttp(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
