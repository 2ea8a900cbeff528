import './exchange.css';
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, type ExportRequest } from '../../../shared/api/exchange-routes';
import { useAppServices } from '../app/useAppServices';
import { downloadExport, useExportStatusStore } from './export-status-store';

export interface ExportTarget {
  id: string;
  /** Menu heading, e.g. "This run", "Runs matching the filter". */
  label: string;
  /** For the status line: "1 run", "the filtered runs". */
  what: string;
  request: () => Omit<ExportRequest, 'format'>;
}

/** "Export ▾": each target in each format (OTLP JSON, JSON Lines), downloaded as a file. */
export function ExportMenu({ targets, testId = 'export-menu' }: { targets: readonly ExportTarget[]; testId?: string }) {
  const { exchange } = useAppServices();
  const [open, setOpen] = useState(false);
  const busy = useExportStatusStore((s) => s.status?.kind === 'busy');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Esc closes the menu first (not the run behind it).
      event.stopImmediatePropagation();
      setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="button button--small"
        data-testid={testId}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy || targets.length === 0}
        onClick={() => {
          setOpen((o) => !o);
        }}
      >
        {busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open && (
        <div className="export-menu__list" role="menu" data-testid={`${testId}-list`}>
          {targets.map((target) => (
            <div key={target.id} role="group" aria-label={target.label}>
              <div className="export-menu__heading">{target.label}</div>
              {EXPORT_FORMATS.map((format) => (
                <button
                  key={format}
                  type="button"
                  role="menuitem"
                  className="export-menu__item"
                  data-testid={`export-${target.id}-${format}`}
                  onClick={() => {
                    setOpen(false);
                    void downloadExport(exchange, { ...target.request(), format }, target.what);
                  }}
                >
                  {EXPORT_FORMAT_INFO[format].label}
                  <span className="muted"> .{EXPORT_FORMAT_INFO[format].extension}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
