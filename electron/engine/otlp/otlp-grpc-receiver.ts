import * as grpc from '@grpc/grpc-js';
import { BUSY_MESSAGE, classifyExportError, exportPayload, isIngestBusy, withAdmission } from '../ingest/otlp-export';
import type { IngestPipeline } from '../ingest/otlp-export';
import { type OtlpSignal, exportResponse } from './otlp-responses';

/** gRPC servers commonly cap messages at 4 MiB; larger ones get RESOURCE_EXHAUSTED. */
export const GRPC_MESSAGE_LIMIT = 4 * 1024 * 1024;

const identity = (b: Buffer): Buffer => b;

function exportService(path: string): grpc.ServiceDefinition {
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  };
}

const SERVICES: Array<{ signal: OtlpSignal; path: string }> = [
  { signal: 'traces', path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export' },
  { signal: 'logs', path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export' },
  { signal: 'metrics', path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export' },
];

export interface OtlpGrpcOptions {
  pipeline: IngestPipeline;
  messageLimit?: number;
  onError?: (err: unknown) => void;
}

function errorStatus(err: unknown): { code: grpc.status; details: string } | null {
  const kind = classifyExportError(err);
  if (kind === null) return null;
  return {
    code: kind === 'invalid' ? grpc.status.INVALID_ARGUMENT : grpc.status.UNAVAILABLE,
    details: (err as Error).message,
  };
}

/** Creates the OTLP/gRPC server (TraceService, LogsService and MetricsService Export); not yet bound. */
export function createOtlpGrpcServer(opts: OtlpGrpcOptions): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': opts.messageLimit ?? GRPC_MESSAGE_LIMIT,
  });
  for (const { signal, path } of SERVICES) {
    const handler: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      if (signal !== 'metrics' && isIngestBusy(opts.pipeline)) {
        callback({ code: grpc.status.UNAVAILABLE, details: BUSY_MESSAGE });
        return;
      }
      withAdmission(opts.pipeline, call.request.length, () =>
        exportPayload(opts.pipeline, signal, call.request, 'protobuf'),
      ).then(
        (outcome) => callback(null, exportResponse(signal, outcome.rejected, outcome.message, 'protobuf')),
        (err: unknown) => {
          const status = errorStatus(err);
          const kind = classifyExportError(err);
          if (kind === null || kind === 'storage') opts.onError?.(err);
          callback(status ?? { code: grpc.status.INTERNAL, details: 'internal error' });
        },
      );
    };
    server.addService(exportService(path), { Export: handler });
  }
  return server;
}

/** Binds on 127.0.0.1; resolves with the bound port. */
export function bindGrpc(server: grpc.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
      if (err) reject(err);
      else resolve(bound);
    });
  });
}
