import { useRef } from 'react';
import { useAppServices } from '../app/useAppServices';
import { importFiles } from './import-job-store';

/** "Import…": picks trace files (any format the engine reads) and imports them one after the other. */
export function ImportButton() {
  const { exchange } = useAppServices();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="import-button"
        title="Import trace files (OTLP JSON, JSON Lines, protobuf, Jaeger JSON; gzip'd or not). You can also drop them anywhere."
        onClick={() => input.current?.click()}
      >
        Import…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared, so picking the same file again still fires a change.
          event.target.value = '';
          void importFiles(exchange, files);
        }}
      />
    </>
  );
}
