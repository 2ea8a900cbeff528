import { useEffect, useState } from 'react';
import { useAppServices } from '../app/useAppServices';
import { importFiles } from './import-job-store';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Trace files dropped anywhere on the window are imported; while files are dragged over it, it says so. */
export function ImportDropOverlay() {
  const { exchange } = useAppServices();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed: count them to know when the drag left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void importFiles(exchange, [...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [exchange]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="import-drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <div className="drop-overlay__title">Drop trace files to import</div>
        <div className="drop-overlay__formats muted">
          OTLP JSON · OTLP JSON Lines · OTLP protobuf · Jaeger JSON · gzip&apos;d or not
        </div>
      </div>
    </div>
  );
}
