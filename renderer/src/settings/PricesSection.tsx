import { useMemo, useRef, useState } from 'react';
import type { ModelPrice } from '../../../shared/domain/price';
import { toApiError } from '../api/api-client';
import { useAppServices } from '../app/useAppServices';
import { navigateBack } from '../routing/route';
import { PriceForm } from './PriceForm';
import { PriceTable } from './PriceTable';
import { exportPricesJson, readPriceImport, recostSummary } from './price-file';
import { type PriceEntry, emptyPriceForm, priceToForm, todayUtc } from './price-form';
import { usePriceEditorStore } from './price-editor-store';
import { buildPriceRows, filterPriceRows } from './price-rows';
import { usePrices } from './usePrices';

type Status =
  | { kind: 'success'; text: string; undo?: ModelPrice; returnToTraceId?: string }
  | { kind: 'error'; text: string; errors?: readonly string[] };

const NO_PRICES: readonly ModelPrice[] = [];

/** Settings › Prices: the price table, the editor, and JSON import / export of the user's prices. */
export function PricesSection() {
  const { api } = useAppServices();
  const { state, refresh, retry } = usePrices();
  const editing = usePriceEditorStore((s) => s.editing);
  const openEditor = usePriceEditorStore((s) => s.open);
  const closeEditor = usePriceEditorStore((s) => s.close);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [replaceAll, setReplaceAll] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const builtin = state.status === 'ready' ? state.data.builtin : NO_PRICES;
  const user = state.status === 'ready' ? state.data.user : NO_PRICES;
  const rows = useMemo(() => buildPriceRows(builtin, user), [builtin, user]);
  const visibleRows = useMemo(() => filterPriceRows(rows, query), [rows, query]);
  const providers = useMemo(
    () => [...new Set([...builtin, ...user].map((p) => p.provider).filter((p) => p !== ''))].sort(),
    [builtin, user],
  );

  const save = async (entry: PriceEntry) => {
    const result = await api.call('savePrices', { prices: [entry] });
    const returnToTraceId = editing?.returnToTraceId ?? null;
    closeEditor();
    refresh();
    setStatus({
      kind: 'success',
      text: `Saved the price for ${entry.model}. ${recostSummary(result.recosted)}`,
      ...(returnToTraceId !== null ? { returnToTraceId } : {}),
    });
  };

  const run = async (action: () => Promise<Status>) => {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (error) {
      setStatus({ kind: 'error', text: toApiError(error).message });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const remove = (price: ModelPrice) =>
    run(async () => {
      const result = await api.call('deletePrice', { id: price.id });
      if (editing?.values.id === price.id) closeEditor();
      return {
        kind: 'success',
        text: `Deleted your price for ${price.model}. ${recostSummary(result.recosted)}`,
        undo: price,
      };
    });

  const undoDelete = (price: ModelPrice) =>
    run(async () => {
      const result = await api.call('savePrices', { prices: [price] });
      return { kind: 'success', text: `Restored your price for ${price.model}. ${recostSummary(result.recosted)}` };
    });

  const importFile = async (file: File) => {
    const text = await file.text();
    const parsed = readPriceImport(text);
    if (parsed.errors.length > 0) {
      setStatus({
        kind: 'error',
        text: `${file.name} was not imported: ${String(parsed.errors.length)} ${parsed.errors.length === 1 ? 'problem' : 'problems'}.`,
        errors: parsed.errors,
      });
      return;
    }
    await run(async () => {
      const result = await api.call('savePrices', { prices: parsed.prices, replaceAll });
      const count = `${String(result.saved)} ${result.saved === 1 ? 'price' : 'prices'}`;
      return {
        kind: 'success',
        text: `Imported ${count} from ${file.name}${replaceAll ? ' (replacing all of yours)' : ''}. ${recostSummary(result.recosted)}`,
      };
    });
  };

  const exportFile = () => {
    const blob = new Blob([exportPricesJson(user)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `loupe-prices-${todayUtc()}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  };

  return (
    <section className="prices" data-testid="prices-section" data-state={state.status} aria-labelledby="prices-title">
      <header className="prices__header">
        <div>
          <h2 id="prices-title" className="prices__title">
            Prices
          </h2>
          <p className="muted prices__lead">
            USD per million tokens, used to cost model calls that do not report their cost. Your prices win over the
            built-in ones; saving re-costs the runs already stored.
          </p>
        </div>
      </header>

      <div className="prices__toolbar">
        <input
          type="search"
          className="search-input"
          data-testid="price-search"
          placeholder="Search provider, model, match…"
          aria-label="Search prices"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
        <span className="muted prices__count" data-testid="price-count">
          {state.status === 'ready' &&
            `${String(builtin.length)} built-in · ${String(user.length)} yours${
              query.trim() !== '' ? ` · ${String(visibleRows.length)} shown` : ''
            }`}
        </span>
        <span className="prices__spacer" />
        <button
          type="button"
          className="button button--primary"
          data-testid="add-price"
          disabled={busy}
          onClick={() => {
            openEditor('new', emptyPriceForm(todayUtc()));
          }}
        >
          Add price
        </button>
        <label className="checkbox" title="Checked: the imported file becomes your whole price list">
          <input
            type="checkbox"
            data-testid="price-import-replace"
            checked={replaceAll}
            onChange={(event) => {
              setReplaceAll(event.target.checked);
            }}
          />
          Import replaces mine
        </label>
        <button
          type="button"
          className="button"
          data-testid="price-import"
          disabled={busy}
          onClick={() => fileInput.current?.click()}
        >
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="price-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file !== undefined) void importFile(file);
          }}
        />
        <button
          type="button"
          className="button"
          data-testid="price-export"
          disabled={user.length === 0}
          title={user.length === 0 ? 'You have no prices of your own yet' : 'Download your prices as JSON'}
          onClick={exportFile}
        >
          Export JSON
        </button>
      </div>

      {status !== null && (
        <div
          className={`status-box status-box--${status.kind}`}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="price-status"
          data-state={status.kind}
        >
          <div className="status-box__text">
            <span>{status.text}</span>
            {status.kind === 'error' && status.errors !== undefined && (
              <ul className="status-box__errors" data-testid="price-import-errors">
                {status.errors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            )}
          </div>
          {status.kind === 'success' && status.undo !== undefined && (
            <button
              type="button"
              className="button button--small"
              data-testid="price-undo"
              disabled={busy}
              onClick={() => {
                if (status.undo) void undoDelete(status.undo);
              }}
            >
              Undo
            </button>
          )}
          {status.kind === 'success' && status.returnToTraceId !== undefined && (
            <button
              type="button"
              className="button button--small"
              data-testid="back-to-run"
              onClick={() => {
                if (status.returnToTraceId !== undefined)
                  navigateBack({ page: 'run', traceId: status.returnToTraceId });
              }}
            >
              Back to the run
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => {
              setStatus(null);
            }}
          >
            ×
          </button>
        </div>
      )}

      {editing !== null && (
        <PriceForm key={editing.key} editing={editing} providers={providers} onSave={save} onCancel={closeEditor} />
      )}

      {state.status === 'loading' && <p className="muted prices__message">Loading prices…</p>}
      {state.status === 'error' && (
        <div className="prices__message" role="alert">
          <p>Could not load prices: {state.error.message}</p>
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && (
        <PriceTable
          rows={visibleRows}
          total={rows.length}
          busy={busy}
          onEdit={(price) => {
            setStatus(null);
            openEditor(price.source === 'user' ? 'edit' : 'override', priceToForm(price));
          }}
          onDelete={(price) => void remove(price)}
        />
      )}
    </section>
  );
}
